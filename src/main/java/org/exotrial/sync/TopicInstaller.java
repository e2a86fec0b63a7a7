package org.exotrial.sync;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.exotrial.sync.InstalledTopics.TopicFilter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the guide's subscription topics (R4 backport form: {@code Basic} coded {@code SubscriptionTopic}) in the
 * server, by their ids, at every start. HAPI's package installer installs only conformance types, not Basic, so the
 * topics would otherwise exist only in the package. An update with unchanged content makes no new version: a restart
 * changes nothing, a changed guide replaces the stored topic.
 */
final class TopicInstaller {

    static final String TYPES_SYSTEM = "http://hl7.org/fhir/fhir-types";
    static final String TOPIC_CODE = "SubscriptionTopic";
    static final String URL_EXTENSION = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.url";
    static final String TRIGGER_EXTENSION =
            "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.resourceTrigger";
    static final String FILTER_EXTENSION =
            "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.canFilterBy";

    private static final Logger log = LoggerFactory.getLogger(TopicInstaller.class);

    private final DaoRegistry daos;

    TopicInstaller(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Stores the topics among {@code definitions} (the guide's Basic resources); returns their canonical URLs. */
    InstalledTopics install(List<IBaseResource> definitions) {
        Set<String> urls = new TreeSet<>();
        List<TopicTrigger> triggers = new ArrayList<>();
        List<TopicFilter> filters = new ArrayList<>();
        for (IBaseResource definition : definitions) {
            if (definition instanceof Basic basic && isTopic(basic)) {
                // The package's copy may carry a version; the stored one is addressed by its id alone.
                basic.setId("Basic/" + basic.getIdElement().getIdPart());
                daos.getResourceDao(Basic.class).update(basic, new SystemRequestDetails());
                urls.add(url(basic));
                triggers.addAll(triggers(basic));
                filters.addAll(filters(basic));
            }
        }
        log.info("Subscription topics stored: {}", urls);
        return new InstalledTopics(urls, triggers, filters);
    }

    static boolean isTopic(Basic basic) {
        return basic.getCode().getCoding().stream()
                .anyMatch(c -> TYPES_SYSTEM.equals(c.getSystem()) && TOPIC_CODE.equals(c.getCode()));
    }

    /** The topic's resource triggers, read from the cross-version extensions HAPI's R4 topic loader reads too. */
    static List<TopicTrigger> triggers(Basic topic) {
        String url = url(topic);
        List<TopicTrigger> triggers = new ArrayList<>();
        for (Extension trigger : topic.getExtensionsByUrl(TRIGGER_EXTENSION)) {
            Set<String> interactions = new TreeSet<>();
            trigger.getExtensionsByUrl("supportedInteraction")
                    .forEach(e -> interactions.add(e.getValue().primitiveValue()));
            Extension resource = trigger.getExtensionByUrl("resource");
            Extension fhirPath = trigger.getExtensionByUrl("fhirPathCriteria");
            if (resource == null || interactions.isEmpty()) {
                throw new IllegalStateException("Subscription topic " + url + " has a trigger without a resource or an"
                        + " interaction: it would never fire");
            }
            triggers.add(new TopicTrigger(
                    url,
                    resource.getValue().primitiveValue(),
                    interactions,
                    fhirPath == null ? null : fhirPath.getValue().primitiveValue()));
        }
        return triggers;
    }

    /** The topic's {@code canFilterBy}: which search parameter of which type a subscription may filter by. */
    static List<TopicFilter> filters(Basic topic) {
        String url = url(topic);
        List<TopicFilter> filters = new ArrayList<>();
        for (Extension filter : topic.getExtensionsByUrl(FILTER_EXTENSION)) {
            Extension resource = filter.getExtensionByUrl("resource");
            Extension parameter = filter.getExtensionByUrl("filterParameter");
            if (resource == null || parameter == null) {
                throw new IllegalStateException(
                        "Subscription topic " + url + " has a canFilterBy without a resource or a filterParameter");
            }
            filters.add(new TopicFilter(
                    url,
                    resource.getValue().primitiveValue(),
                    parameter.getValue().primitiveValue()));
        }
        return filters;
    }

    /** The topic's canonical URL; a topic without one could not be subscribed to, so the guide is wrong. */
    static String url(Basic topic) {
        var extension = topic.getExtensionByUrl(URL_EXTENSION);
        if (extension == null || !(extension.getValue() instanceof UriType uri) || !uri.hasValue()) {
            throw new IllegalStateException("Subscription topic Basic/"
                    + topic.getIdElement().getIdPart() + " has no canonical URL (extension " + URL_EXTENSION + ")");
        }
        return uri.getValue();
    }
}
