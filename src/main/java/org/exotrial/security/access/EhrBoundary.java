package org.exotrial.security.access;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a hospital interface may not do although its ceiling is every type: it sends records, not the study's design,
 * the server's own records or another client's subscriptions.
 *
 * <ul>
 *   <li>Never seen: Subscription (a registry's, with its endpoint and secrets) and Basic (the server's own records,
 *       such as a study's unblinding: an interface that could write one could unblind a study).
 *   <li>Read, never written: the study's definitions. ResearchStudy, Group (a study's cohort) and every canonical
 *       (definitional) type, which FHIR marks by its {@code url} and {@code publisher} elements: profiles, value sets,
 *       measures, questionnaires and the like (Device has a {@code url} too, its network address, and no publisher).
 *       Hospitals send instances, not definitions.
 * </ul>
 */
final class EhrBoundary {

    private static final Set<String> NEVER_SEEN = Set.of("Subscription", "Basic");
    private static final Set<String> NOT_WRITTEN = Set.of("ResearchStudy", "Group", "NamingSystem");
    private static final Set<String> CANONICAL = canonicalTypes();

    private EhrBoundary() {}

    static boolean allows(String type, Permission permission) {
        if (SmartScope.ANY_TYPE.equals(type)) {
            return false; // not every type: system-wide search and history would reach Subscription and Basic
        }
        if (NEVER_SEEN.contains(type)) {
            return false;
        }
        return !permission.writes() || !(NOT_WRITTEN.contains(type) || canonical(type));
    }

    private static boolean canonical(String type) {
        return CANONICAL.contains(type);
    }

    private static Set<String> canonicalTypes() {
        FhirContext fhir = FhirContext.forR4Cached();
        return fhir.getResourceTypes().stream()
                .filter(type -> fhir.getResourceDefinition(type).getChildByName("url") != null
                        && fhir.getResourceDefinition(type).getChildByName("publisher") != null)
                .collect(Collectors.toUnmodifiableSet());
    }
}
