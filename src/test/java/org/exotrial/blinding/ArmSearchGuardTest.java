package org.exotrial.blinding;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which arm searches are limited to unmasked studies; the HTTP behaviour is NarrowedArmSearchIT's. */
class ArmSearchGuardTest {

    private static final ArmSearchGuard GUARD = new ArmSearchGuard(Map.of(
            "route", Set.of("Procedure"),
            "particle-dose", Set.of("Procedure"),
            "arm", Set.of("ResearchSubject")));

    /** "open" is not masked; every other study is. */
    private static final StudyMasking STUDIES = new StudyMasking(null, Clock.systemUTC()) {
        @Override
        public boolean isMasked(String studyReference) {
            return !"open".equals(studyReference);
        }
    };

    @Test
    void aPlainSearchLimitedToUnmaskedStudiesIsAllowed() {
        assertThat(limited("Procedure", "trial-study=ResearchStudy/open", "route=x"))
                .isTrue();
        assertThat(limited("Procedure", "trial-study=open", "route:not=x", "_sort=-route,particle-dose"))
                .isTrue();
        assertThat(limited("Procedure", "trial-study:ResearchStudy=open", "particle-dose:missing=true"))
                .isTrue();
        assertThat(limited("Procedure", "trial-study=open,ResearchStudy/open", "route=x"))
                .isTrue();
        assertThat(limited("ResearchSubject", "study=ResearchStudy/open", "arm=Topical"))
                .isTrue();
    }

    @Test
    void anythingAMaskedStudyCouldContributeToIsNot() {
        assertThat(limited("Procedure", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=masked", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=open,masked", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=open\\,x", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study:missing=false", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study.status=active", "route=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=http://other/fhir/ResearchStudy/open", "route=x"))
                .isFalse();
        assertThat(limited("Procedure", "trial-study=ResearchStudy/open/_history/1", "route=x"))
                .isFalse();
        assertThat(limited("Procedure", "trial-study=open", "part-of:Procedure.route=x"))
                .isFalse();
        assertThat(limited("Procedure", "trial-study=open", "_has:Procedure:part-of:route=x"))
                .isFalse();
        assertThat(limited("Procedure", "trial-study=open", "_text=x")).isFalse();
        assertThat(limited("Procedure", "trial-study=open", "route=x", "_contained=true"))
                .isFalse();
        // a parameter on a type it is not defined on, and a study parameter of another type
        assertThat(limited("ResearchSubject", "study=open", "route=x")).isFalse();
        assertThat(limited("Procedure", "study=open", "route=x")).isFalse();
        assertThat(limited("Patient", "trial-study=open", "route=x")).isFalse();
    }

    @Test
    void onlyAPlainTypeSearchQualifies() {
        SystemRequestDetails update = request("Procedure", "trial-study=open", "route=x");
        update.setRestOperationType(RestOperationTypeEnum.UPDATE);
        assertThat(GUARD.limitedToUnmaskedStudies(update, STUDIES)).isFalse();

        SystemRequestDetails transaction = request(null, "trial-study=open", "route=x");
        transaction.setRestOperationType(RestOperationTypeEnum.TRANSACTION);
        assertThat(GUARD.limitedToUnmaskedStudies(transaction, STUDIES)).isFalse();

        SystemRequestDetails conditional = request("Procedure", "trial-study=open", "route=x");
        conditional.addHeader("If-None-Exist", "route=x");
        assertThat(GUARD.limitedToUnmaskedStudies(conditional, STUDIES)).isFalse();
    }

    private static boolean limited(String type, String... parameters) {
        return GUARD.limitedToUnmaskedStudies(request(type, parameters), STUDIES);
    }

    private static SystemRequestDetails request(String type, String... parameters) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setResourceName(type);
        request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        Map<String, String[]> map = new HashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            map.put(parameter.substring(0, equals), new String[] {parameter.substring(equals + 1)});
        }
        request.setParameters(map);
        return request;
    }
}
