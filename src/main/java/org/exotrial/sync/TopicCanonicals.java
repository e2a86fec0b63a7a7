package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Lists the installed topics on the CapabilityStatement's Subscription resource, as the backport IG prescribes. This
 * is how a registry learns the topics it may subscribe to: their Basic resources stay server-internal (a registry
 * reads no Basic, which holds the server's own records too).
 */
final class TopicCanonicals {

    static final String EXTENSION = BackportSubscription.BACKPORT + "capabilitystatement-subscriptiontopic-canonical";

    private final InstalledTopics topics;

    TopicCanonicals(InstalledTopics topics) {
        this.topics = topics;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        for (var resource : cs.getRestFirstRep().getResource()) {
            if ("Subscription".equals(resource.getType())) {
                resource.getExtension().removeIf(e -> EXTENSION.equals(e.getUrl()));
                new TreeSet<>(topics.urls()).forEach(url -> resource.addExtension(EXTENSION, new CanonicalType(url)));
            }
        }
    }
}
