package org.exotrial.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Patient;

/**
 * Enforces a token's effective SMART scopes with HAPI's {@link AuthorizationInterceptor}, which checks every write at
 * the storage layer (so each transaction and batch entry too) and every resource a response returns (includes,
 * {@code $everything}, history). HAPI's read rule stands for both {@code r} and {@code s}; {@link SearchOrRead} keeps
 * the two apart.
 */
final class ScopeAuthorization extends AuthorizationInterceptor {

    private final Map<Caller, List<IAuthRule>> rulesByCaller = new ConcurrentHashMap<>();

    ScopeAuthorization() {
        super(PolicyEnum.DENY);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        Caller caller = Callers.of(request);
        if (caller == Caller.SYSTEM) {
            return new RuleBuilder().allowAll().build();
        }
        if (caller == null) {
            return new RuleBuilder().denyAll("no access token").build();
        }
        // Rules depend on client, role and scopes only; tokens are reissued every few minutes, so this stays small.
        return rulesByCaller.computeIfAbsent(caller, ScopeAuthorization::rules);
    }

    static List<IAuthRule> rules(Caller caller) {
        RuleBuilder rules = new RuleBuilder();
        for (String type : Role.SERVER_WRITTEN_TYPES) {
            rules.deny("the server alone writes " + type)
                    .create()
                    .resourcesOfType(type)
                    .withAnyId();
            rules.deny("the server alone writes " + type)
                    .write()
                    .resourcesOfType(type)
                    .withAnyId();
            rules.deny("the server alone writes " + type)
                    .delete()
                    .resourcesOfType(type)
                    .withAnyId();
        }
        rules.allow().metadata();
        rules.allow().transaction().withAnyOperation().andApplyNormalRules();
        effectivePermissions(caller).forEach((type, permissions) -> allow(rules, type, permissions));
        if (caller.may("Patient", Permission.READ)) {
            // What $everything returns is checked resource by resource against the read rules above.
            rules.allow()
                    .operation()
                    .named("$everything")
                    .onInstancesOfType(Patient.class)
                    .andRequireExplicitResponseAuthorization();
        }
        if (caller.role() == Role.ADMIN) {
            rules.allow().operation().withAnyName().atAnyLevel().andRequireExplicitResponseAuthorization();
        }
        rules.denyAll("the token's scopes do not allow this request");
        return rules.build();
    }

    private static void allow(RuleBuilder rules, String type, Set<Permission> permissions) {
        if (permissions.contains(Permission.READ) || permissions.contains(Permission.SEARCH)) {
            on(rules.allow().read(), type).withAnyId();
        }
        if (permissions.contains(Permission.CREATE)) {
            on(rules.allow().create(), type).withAnyId();
            on(rules.allow().createConditional(), type);
        }
        if (permissions.contains(Permission.UPDATE)) {
            on(rules.allow().write(), type).withAnyId();
            on(rules.allow().updateConditional(), type);
            rules.allow().patch().allRequests(); // the patched resource is then checked by the write rule
        }
        if (permissions.contains(Permission.DELETE)) {
            on(rules.allow().delete(), type).withAnyId();
            on(rules.allow().deleteConditional(), type);
        }
    }

    private static <T> T on(IAuthRuleBuilderAppliesTo<T> rule, String type) {
        return SmartScope.ANY_TYPE.equals(type) ? rule.allResources() : rule.resourcesOfType(type);
    }

    /** Resource type (or {@code *}) to what both the token's scopes and the role's ceiling allow on it. */
    static Map<String, Set<Permission>> effectivePermissions(Caller caller) {
        Set<String> types = new TreeSet<>();
        caller.scopes().forEach(scope -> types.add(scope.resourceType()));
        caller.role().ceiling().forEach(scope -> types.add(scope.resourceType()));
        Map<String, Set<Permission>> effective = new TreeMap<>();
        for (String type : types) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (Permission permission : Permission.values()) {
                if (caller.may(type, permission)) {
                    permissions.add(permission);
                }
            }
            if (!permissions.isEmpty()) {
                effective.put(type, permissions);
            }
        }
        return effective;
    }
}
