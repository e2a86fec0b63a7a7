package org.exotrial.security;

import static org.assertj.core.api.Assertions.assertThat;

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
    void effectiveRightsAreTheScopesCutToTheRoleCeiling() {
        Caller ehr = new Caller("ehr", Role.EHR, List.of(SmartScope.parse("system/*.cruds")));
        assertThat(ehr.may("Patient", Permission.UPDATE)).isTrue();
        assertThat(ehr.may("Patient", Permission.DELETE)).isFalse();
        assertThat(ehr.may("Patient", Permission.SEARCH)).isFalse();
        Caller admin = new Caller("admin", Role.ADMIN, List.of(SmartScope.parse("system/*.cruds")));
        assertThat(admin.may("AuditEvent", Permission.SEARCH)).isTrue();
        assertThat(admin.may("AuditEvent", Permission.CREATE)).isFalse();
    }

    @Test
    void everyEffectivePermissionBecomesItsOwnHapiRule() {
        String rules = ScopeAuthorization.rules(new Caller("ehr", Role.EHR, Role.EHR.ceiling()))
                .toString();
        // HAPI caches unnamed rule builders; a shared builder once turned every "write" into a second "create".
        assertThat(rules).contains("op=WRITE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
        assertThat(rules).contains("op=CREATE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
        assertThat(rules)
                .doesNotContain("op=DELETE,transactionAppliesToOp=<null>,appliesTo=TYPES,appliesToTypes=[Patient]");
    }
}
