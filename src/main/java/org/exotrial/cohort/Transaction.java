package org.exotrial.cohort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * One participant's transaction as a hospital interface sends it: every entry a conditional create keyed on the
 * business identifier the resource carries, so re-sending the bundle creates nothing new.
 */
final class Transaction {

    /**
     * Referenced resources before those that reference them. The server resolves urn:uuid references whatever the
     * order, but checks referential integrity entry by entry, and so does any reader that streams the bundle.
     */
    private static final List<String> ORDER =
            List.of("Patient", "ResearchSubject", "Procedure", "Specimen", "Observation", "Encounter", "AdverseEvent");

    private final Keys keys;
    private final List<Bundle.BundleEntryComponent> entries = new ArrayList<>();

    Transaction(Keys keys) {
        this.keys = keys;
    }

    /**
     * Adds {@code resource} as {@code POST <type>} with {@code ifNoneExist: identifier=<system>|<value>}; {@code key}
     * must be one of the resource's own identifiers. Returns the entry's fullUrl, for references to it.
     */
    String post(String kind, Resource resource, Identifier key) {
        String fullUrl = keys.fullUrl(kind);
        Bundle.BundleEntryComponent entry =
                new Bundle.BundleEntryComponent().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl(resource.fhirType())
                .setIfNoneExist("identifier=" + key.getSystem() + "|" + key.getValue());
        entries.add(entry);
        return fullUrl;
    }

    Bundle bundle() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        entries.stream()
                .sorted(Comparator.comparingInt(
                        e -> ORDER.indexOf(e.getResource().fhirType()))) // stable
                .forEach(bundle::addEntry);
        return bundle;
    }
}
