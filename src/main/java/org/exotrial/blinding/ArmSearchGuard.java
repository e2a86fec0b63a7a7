package org.exotrial.blinding;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Finds searches that would select or order by arm: a parameter of the guide that reads arm data, used directly,
 * with a modifier, in a chain, in {@code _has} or in {@code _sort}; free-text search, which could match arm names;
 * and the same inside conditional-create, -update and -delete criteria, top-level or in bundle entries. The answer
 * depends only on the request, never on stored data, so a refusal tells nothing.
 */
final class ArmSearchGuard {

    /** Parameters that search text the guard cannot inspect. */
    private static final Set<String> FREE_TEXT = Set.of("_text", "_content", "_filter", "_query");

    private final Set<String> armParameters;

    ArmSearchGuard(Set<String> armParameters) {
        this.armParameters = armParameters;
    }

    /** The first offending parameter of the request, or {@code null}. */
    String offendingParameter(RequestDetails request) {
        List<String> criteria = new ArrayList<>();
        request.getParameters().forEach((name, values) -> {
            criteria.add(name);
            if (Constants.PARAM_SORT.equals(name)) {
                criteria.addAll(List.of(values));
            }
        });
        String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
        if (ifNoneExist != null) {
            criteria.addAll(queryNames(ifNoneExist));
        }
        if (request.getResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                criteria.addAll(queryNames(entry.getRequest().getUrl()));
                criteria.addAll(queryNames(entry.getRequest().getIfNoneExist()));
            }
        }
        return criteria.stream().filter(this::offends).findFirst().orElse(null);
    }

    private boolean offends(String criterion) {
        for (String sortKey : criterion.split(",")) {
            String key = sortKey.startsWith("-") ? sortKey.substring(1) : sortKey;
            if (FREE_TEXT.contains(key)) {
                return true;
            }
            // subject:ResearchSubject.arm, _has:ResearchSubject:individual:arm, arm:exact
            for (String part : key.split("[:.]")) {
                if (armParameters.contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> queryNames(String url) {
        if (url == null || url.isBlank()) {
            return List.of();
        }
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url.contains("=") ? url : "";
        List<String> names = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(
                    equals < 0 ? pair : pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8);
            names.add(name);
            if (Constants.PARAM_SORT.equals(name) && equals >= 0) {
                names.add(java.net.URLDecoder.decode(
                        pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return names;
    }
}
