package org.exotrial.sync;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Role;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns off stored subscriptions that select by arm for a blinded owner: admission refuses them, but one may be older
 * than admission, or written by the server, or a study may have become masked since. Run at startup, after the topics
 * are installed; {@link #turnOff()} is there for whatever later learns that a study's masking changed.
 */
final class BlindedSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(BlindedSubscriptions.class);

    private final DaoRegistry daos;
    private final SyncStore store;
    private final InstalledTopics topics;
    private final CallerBlinding blinding;

    BlindedSubscriptions(DaoRegistry daos, SyncStore store, InstalledTopics topics, CallerBlinding blinding) {
        this.daos = daos;
        this.store = store;
        this.topics = topics;
        this.blinding = blinding;
    }

    /**
     * Sets every such subscription {@code off}, with the reason in {@code Subscription.error}, through the DAO as the
     * server, so that its sync row follows; returns their ids.
     */
    List<String> turnOff() {
        IFhirResourceDao<Subscription> dao = daos.getResourceDao(Subscription.class);
        List<String> turnedOff = new ArrayList<>();
        for (IBaseResource resource : dao.search(SearchParameterMap.newSynchronous(), new SystemRequestDetails())
                .getAllResources()) {
            Subscription subscription = (Subscription) resource;
            if (subscription.getStatus() == SubscriptionStatus.OFF) {
                continue;
            }
            String id = subscription.getIdElement().getIdPart();
            String reason = blinding.refusal(owner(id), criteria(subscription));
            if (reason != null) {
                subscription.setStatus(SubscriptionStatus.OFF).setError(reason);
                dao.update(subscription, new SystemRequestDetails());
                turnedOff.add(id);
            }
        }
        if (!turnedOff.isEmpty()) {
            log.warn("Subscriptions turned off: they select by arm for a blinded owner: {}", turnedOff);
        }
        return turnedOff;
    }

    /**
     * The owner its row records. A subscription without a row (not a topic subscription) has no recorded owner: it is
     * held to a blinded owner's rules, fail-closed.
     */
    private Caller owner(String id) {
        return store.subscription(id)
                .map(row -> SubscriptionOwner.of(row).caller())
                .orElse(new Caller("unknown", Role.REGISTRY, List.of()));
    }

    /** Its filters, and its criteria when they are a query rather than a topic (a legacy subscription). */
    private List<String> criteria(Subscription subscription) {
        List<String> criteria = new ArrayList<>();
        if (subscription.hasCriteria() && !topics.urls().contains(subscription.getCriteria())) {
            criteria.add(subscription.getCriteria());
        }
        try {
            criteria.addAll(BackportSubscription.of(subscription).filters());
        } catch (IllegalArgumentException e) {
            // A filter extension without a text value selects nothing.
        }
        return criteria;
    }
}
