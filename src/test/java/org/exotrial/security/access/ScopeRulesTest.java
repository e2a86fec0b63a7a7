package org.exotrial.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeRulesTest {

    @Test
    void smartScopesParseInV1AndV2Syntax() {
        assertThat(SmartScope.parse("system/Observation.rs").permissions())
                .containsExactlyInAnyOrder(Permission.READ, Permission.SEARCH);
        assertThat(SmartScope.parse("system/*.write").permissions())
                .containsExactlyInAnyOrder(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
        assertThat(SmartScope.parse("system/Patient.sr"))
                .as("letters out of cruds order")
                .isNull();
        assertThat(SmartScope.parse("patient/Patient.rs"))
                .as("not a system scope")
                .isNull();
        assertThat(SmartScope.parse("system/Observation.rs?category=laboratory"))
                .as("constrained")
                .isNull();
    }

    @Test
    void restOperationsAreTheInteractionsTheyNeedRightsFor() {
        assertThat(Permission.of(RestOperationTypeEnum.PATCH)).isEqualTo(Permission.UPDATE);
        assertThat(Permission.of(RestOperationTypeEnum.META_ADD)).isEqualTo(Permission.UPDATE);
        assertThat(Permission.of(RestOperationTypeEnum.VREAD)).isEqualTo(Permission.READ);
        assertThat(Permission.of(RestOperationTypeEnum.HISTORY_TYPE)).isEqualTo(Permission.READ);
        assertThat(Permission.of(RestOperationTypeEnum.SEARCH_TYPE)).isEqualTo(Permission.SEARCH);
        assertThat(Permission.of(RestOperationTypeEnum.HISTORY_SYSTEM)).isEqualTo(Permission.SEARCH);
        assertThat(Permission.of(RestOperationTypeEnum.TRANSACTION)).isNull();
        assertThat(Permission.of(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE))
                .isNull();
        assertThat(Permission.of((RestOperationTypeEnum) null)).isNull();
        assertThat(Permission.DELETE.writes()).isTrue();
        assertThat(Permission.SEARCH.writes()).isFalse();
    }

    @Test
    void effectiveRightsAreTheScopesCutToTheRoleCeiling() {
        Caller ehr = new Caller("ehr", Role.EHR, List.of(SmartScope.parse("system/*.cruds")));
        assertThat(ehr.may("Patient", Permission.UPDATE)).isTrue();
        assertThat(ehr.may("Patient", Permission.DELETE)).isFalse();
        assertThat(ehr.may("Patient", Permission.SEARCH)).isTrue();
        Caller lab = new Caller("lab", Role.EHR, List.of(SmartScope.parse("system/Observation.cru")));
        assertThat(lab.may("Observation", Permission.CREATE)).isTrue();
        assertThat(lab.may("Patient", Permission.CREATE))
                .as("not in the token's scopes")
                .isFalse();
        Caller admin = new Caller("admin", Role.ADMIN, List.of(SmartScope.parse("system/*.cruds")));
        assertThat(admin.may("AuditEvent", Permission.SEARCH)).isTrue();
        assertThat(admin.may("AuditEvent", Permission.CREATE)).isFalse();
    }

    @Test
    void everyEffectivePermissionBecomesItsOwnHapiRule() {
        String rules = ScopeAuthorization.rules(
                        new Caller("lab", Role.EHR, List.of(SmartScope.parse("system/Patient.cru"))))
                .toString();
        // HAPI caches unnamed rule builders; a shared builder once turned every "write" into a second "create".
        assertThat(rules).contains("op=WRITE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
        assertThat(rules).contains("op=CREATE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
        assertThat(rules)
                .doesNotContain("op=DELETE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
    }

    @Test
    void theEhrWritesWhatHospitalsSendButNotTheStudysDefinitions() {
        Caller ehr = new Caller("ehr", Role.EHR, Role.EHR.ceiling());
        for (String type : List.of(
                "Patient",
                "Claim",
                "ExplanationOfBenefit",
                "Immunization",
                "CareTeam",
                "Provenance",
                "Device",
                "Endpoint")) {
            for (Permission permission :
                    List.of(Permission.CREATE, Permission.READ, Permission.UPDATE, Permission.SEARCH)) {
                assertThat(ehr.may(type, permission))
                        .as(type + " " + permission)
                        .isTrue();
            }
            assertThat(ehr.may(type, Permission.DELETE)).as(type + " delete").isFalse();
        }
        for (String type : List.of(
                "ResearchStudy",
                "Group",
                "StructureDefinition",
                "ValueSet",
                "Measure",
                "Library",
                "Questionnaire",
                "PlanDefinition",
                "CodeSystem",
                "SearchParameter",
                "CapabilityStatement",
                "ImplementationGuide")) {
            assertThat(ehr.may(type, Permission.READ)).as(type + " read").isTrue();
            assertThat(ehr.may(type, Permission.CREATE)).as(type + " create").isFalse();
            assertThat(ehr.may(type, Permission.UPDATE)).as(type + " update").isFalse();
        }
        for (String type : List.of("Subscription", "Basic", "AuditEvent")) {
            assertThat(ehr.may(type, Permission.READ)).as(type + " read").isFalse();
            assertThat(ehr.may(type, Permission.CREATE)).as(type + " create").isFalse();
        }
        assertThat(ehr.may(SmartScope.ANY_TYPE, Permission.SEARCH))
                .as("system-wide search")
                .isFalse();
    }

    @Test
    void refusalsNameTheTypeTheInteractionAndTheScope() {
        Caller lab = new Caller("lab", Role.EHR, List.of(SmartScope.parse("system/Patient.cru")));
        assertThat(Refusals.message(lab, "Observation", Permission.CREATE))
                .contains("creating Observation")
                .contains("system/Observation.c");
        assertThat(Refusals.message(lab, "ResearchStudy", Permission.UPDATE))
                .contains("ehr role may not update ResearchStudy")
                .contains("no scope");
    }
}
