package org.exotrial.sync;

import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import java.util.List;
import java.util.Map;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.sync.SyncStore.Subscribed;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a matched write is an event of one subscription: its filters hold for the resource, and it is not a change
 * its blinded owner could not see. Filters are the backport's {@code Type?param=value} (for writes of that type; other
 * types pass, as the backport IG says) or {@code study=ResearchStudy/id}, which applies to every type through that
 * type's study parameter, so that one filter keeps a registry to one study whatever the topic is about.
 */
final class EventFilter {

    private static final Logger log = LoggerFactory.getLogger(EventFilter.class);

    /** The study parameter of each type the topics are about; the guide's {@code trial-study} for all but subjects. */
    private static final Map<String, String> STUDY_PARAMETERS = Map.of("ResearchSubject", "study");

    private static final String UNTYPED_STUDY = "study=";

    private final SearchParamMatcher matcher;
    private final CallerBlinding blinding;

    EventFilter(SearchParamMatcher matcher, CallerBlinding blinding) {
        this.matcher = matcher;
        this.blinding = blinding;
    }

    /**
     * @param previous the resource before an update, or null
     * @param current the resource as written (for a delete: as it was)
     */
    boolean accepts(Subscribed subscription, IBaseResource previous, IBaseResource current) {
        Caller owner = new SubscriptionOwner(subscription.id(), subscription.ownerRole(), null).caller();
        if (blinding.refusal(owner, subscription.filters()) != null) {
            // An arm filter admitted while no study was masked must not select by arm once one is: record nothing.
            return false;
        }
        return filtersHold(subscription.filters(), current) && !hiddenChange(owner, previous, current);
    }

    /** The study parameter of a type, as a subscription's untyped {@code study=} filter reaches it. */
    static String studyParameter(String type) {
        return STUDY_PARAMETERS.getOrDefault(type, "trial-study");
    }

    private boolean filtersHold(List<String> filters, IBaseResource resource) {
        String type = resource.fhirType();
        for (String filter : filters) {
            String criteria = criteria(filter, type);
            if (criteria != null && !holds(criteria, resource)) {
                return false;
            }
        }
        return true;
    }

    /** The filter as a search of this type, or null when it is about another type. */
    private static String criteria(String filter, String type) {
        if (filter.startsWith(UNTYPED_STUDY)) {
            return type + "?" + studyParameter(type) + "=" + filter.substring(UNTYPED_STUDY.length());
        }
        return filter.startsWith(type + "?") ? filter : null;
    }

    private boolean holds(String criteria, IBaseResource resource) {
        InMemoryMatchResult result = matcher.match(criteria, resource, null);
        if (!result.supported()) {
            // Admission accepts only filters the in-memory matcher supports; one stored before that is kept rather
            // than dropped: delivery still applies the owner's scopes and blinding to what it sends.
            log.warn(
                    "Sync: filter {} cannot be evaluated in memory ({}); the event is recorded",
                    criteria,
                    result.getUnsupportedReason());
            return true;
        }
        return result.matched();
    }

    /** An update that changes, as its blinded owner sees the resource, nothing: an arm change of a masked study. */
    private boolean hiddenChange(Caller owner, IBaseResource previous, IBaseResource current) {
        return previous != null && previous != current && blinding.hidesChange(owner, previous, current);
    }
}
