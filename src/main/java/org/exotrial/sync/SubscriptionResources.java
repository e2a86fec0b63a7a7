package org.exotrial.sync;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the owner what delivery found, on the Subscription resource itself: {@code active} after a handshake,
 * {@code error} with the reason once the retry window has passed. Written as the server (system request): the owner's
 * scopes do not apply to the server's own bookkeeping.
 */
final class SubscriptionResources {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionResources.class);

    private final IFhirResourceDao<Subscription> dao;

    SubscriptionResources(IFhirResourceDao<Subscription> dao) {
        this.dao = dao;
    }

    /** Sets the status, and {@code Subscription.error} to {@code error} (removed when null). */
    void setStatus(String subscriptionId, SubscriptionStatus status, String error) {
        try {
            Subscription subscription =
                    dao.read(new IdType("Subscription", subscriptionId), new SystemRequestDetails());
            if (subscription.getStatus() == status && java.util.Objects.equals(subscription.getError(), error)) {
                return;
            }
            subscription.setStatus(status);
            subscription.setError(error);
            dao.update(subscription, new SystemRequestDetails());
        } catch (BaseServerResponseException e) {
            // Deleted meanwhile, or refused by a validator: the row still carries the status for $status.
            log.warn("Sync: could not set Subscription/{} to {}: {}", subscriptionId, status.toCode(), e.getMessage());
        }
    }
}
