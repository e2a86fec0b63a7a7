package org.exotrial.blinding;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Finds searches that would select or order by arm: a parameter of the guide that reads arm data, used directly,
 * with a modifier, in a chain, in {@code _has} or in {@code _sort}; free-text search, which could match arm names;
 * and the same inside conditional-create, -update and -delete criteria, top-level or in bundle entries. The answer
 * depends only on the request and on which studies are masked, never on stored data, so a refusal tells nothing.
 *
 * <p>One form is safe while a study is masked: a plain search of the type the arm parameters are defined on, using
 * them only on that type (no chain, no {@code _has}), limited by the type's study parameter to studies that are not
 * masked ({@link ArmRevealingData#STUDY_PARAMETERS}). Every resource such a search can select belongs to an unmasked
 * study, so selecting by arm reveals nothing masked.
 */
final class ArmSearchGuard {

    /** Parameters that search text the guard cannot inspect. */
    private static final Set<String> FREE_TEXT = Set.of("_text", "_content", "_filter", "_query");

    /** A study named as HAPI resolves it to a local ResearchStudy id; anything else does not count as a limit. */
    private static final Pattern STUDY = Pattern.compile("(?:ResearchStudy/)?([A-Za-z0-9\\-.]{1,64})");

    /** Arm parameter codes, each with the types it is defined on. */
    private final Map<String, Set<String>> armParameters;

    ArmSearchGuard(Map<String, Set<String>> armParameters) {
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

    /** The first offending parameter of a query URL ({@code Type?a=b&c=d} or {@code a=b}), or {@code null}. */
    String offendingParameter(String url) {
        return queryNames(url).stream().filter(this::offends).findFirst().orElse(null);
    }

    private boolean offends(String criterion) {
        for (String sortKey : criterion.split(",")) {
            String key = sortKey.startsWith("-") ? sortKey.substring(1) : sortKey;
            if (FREE_TEXT.contains(key)) {
                return true;
            }
            // subject:ResearchSubject.arm, _has:ResearchSubject:individual:arm, arm:exact
            for (String part : key.split("[:.]")) {
                if (armParameters.containsKey(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the request is a type search that uses arm parameters only directly on its own type and is limited to
     * studies that are not masked: some occurrence of the type's study parameter (occurrences are ANDed) names only
     * unmasked studies, as {@code id} or {@code ResearchStudy/id} (its values are ORed). Chains, {@code _has},
     * free text, contained-resource search, conditional criteria and bundle entries never qualify.
     */
    boolean limitedToUnmaskedStudies(RequestDetails request, StudyMasking studies) {
        String type = request.getResourceName();
        String studyParameter = type == null ? null : ArmRevealingData.STUDY_PARAMETERS.get(type);
        if (studyParameter == null
                || request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE
                || request.getHeader(Constants.HEADER_IF_NONE_EXIST) != null) {
            return false;
        }
        boolean limited = false;
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith("_contained")) {
                return false; // would search resources contained in others, which the study parameter does not bound
            }
            List<String> criteria = new ArrayList<>();
            if (Constants.PARAM_SORT.equals(name)) {
                for (String value : parameter.getValue()) {
                    for (String key : value.split(",")) {
                        criteria.add(key.startsWith("-") ? key.substring(1) : key);
                    }
                }
            } else {
                criteria.add(name);
            }
            if (criteria.stream().anyMatch(criterion -> offends(criterion) && !directlyOn(type, criterion))) {
                return false;
            }
            if (name.equals(studyParameter) || name.equals(studyParameter + ":ResearchStudy")) {
                limited |= Stream.of(parameter.getValue()).anyMatch(value -> onlyUnmasked(value, studies));
            }
        }
        return limited;
    }

    /** "actual-arm, arm on ResearchSubject; dose-number, ... on Procedure": the arm parameters by type, sorted. */
    String armParametersByType() {
        Map<String, Set<String>> byType = new TreeMap<>();
        armParameters.forEach((code, types) -> types.forEach(
                type -> byType.computeIfAbsent(type, t -> new TreeSet<>()).add(code)));
        return byType.entrySet().stream()
                .map(type -> String.join(", ", type.getValue()) + " on " + type.getKey())
                .collect(Collectors.joining("; "));
    }

    /** {@code route}, {@code route:not}, {@code particle-dose:missing} on a type the parameter is defined on. */
    private boolean directlyOn(String type, String criterion) {
        if (criterion.contains(".")) {
            return false;
        }
        Set<String> types = armParameters.get(criterion.split(":", 2)[0]);
        return types != null && types.contains(type);
    }

    private static boolean onlyUnmasked(String value, StudyMasking studies) {
        for (String study : value.split(",", -1)) {
            Matcher matcher = STUDY.matcher(study);
            if (!matcher.matches() || studies.isMasked(matcher.group(1))) {
                return false;
            }
        }
        return true;
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
