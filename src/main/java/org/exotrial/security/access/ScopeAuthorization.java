package org.exotrial.security.access;

import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
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
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;

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
            // Only the public metadata gets here without a token (the security filters refuse everything else).
            RuleBuilder rules = new RuleBuilder();
            rules.allow("metadata").metadata();
            rules.denyAll("no access token");
            return rules.build();
        }
        // Rules depend on client, role and scopes only; tokens are reissued every few minutes, so this stays small.
        return rulesByCaller.computeIfAbsent(caller, ScopeAuthorization::rules);
    }

    // The server's own work (HL7 v2 ingest runs through the DAOs with the FHIR endpoint's interceptors) has no REST
    // operation type, which HAPI's storage hooks need; it is not a client request, so there is nothing to check.

    @Override
    public void hookResourcePreCreate(RequestDetails request, IBaseResource resource, Pointcut pointcut) {
        if (!(request instanceof SystemRequestDetails)) {
            require(request, resource, Permission.CREATE);
            super.hookResourcePreCreate(request, resource, pointcut);
        }
    }

    @Override
    public void hookResourcePreUpdate(
            RequestDetails request, IBaseResource oldResource, IBaseResource newResource, Pointcut pointcut) {
        if (!(request instanceof SystemRequestDetails)) {
            require(request, newResource, Permission.UPDATE);
            super.hookResourcePreUpdate(request, oldResource, newResource, pointcut);
        }
    }

    @Override
    public void hookResourcePreDelete(RequestDetails request, IBaseResource resource, Pointcut pointcut) {
        if (!(request instanceof SystemRequestDetails)) {
            require(request, resource, Permission.DELETE);
            super.hookResourcePreDelete(request, resource, pointcut);
        }
    }

    @Override
    public void hookPreShow(RequestDetails request, IPreResourceShowDetails details, Pointcut pointcut) {
        if (!(request instanceof SystemRequestDetails)) {
            for (int i = 0; i < details.size(); i++) {
                require(request, details.getResource(i), Permission.READ);
            }
            super.hookPreShow(request, details, pointcut);
        }
    }

    /**
     * Checks the resource's own type before HAPI's rules do. The rules are built per type from the ceiling (or for
     * {@code *}); the EHR's boundary is per resource ({@link EhrBoundary}), and HAPI's own refusal names neither the
     * type nor the scope.
     */
    private static void require(RequestDetails request, IBaseResource resource, Permission permission) {
        Caller caller = Callers.of(request);
        if (caller == null || caller == Caller.SYSTEM || resource == null) {
            return;
        }
        String type = resource.fhirType();
        if (!caller.may(type, permission)) {
            throw new ForbiddenOperationException(Refusals.message(caller, type, permission));
        }
    }

    /** What HAPI's rules refused, in words a client can act on: the type, the interaction, the scope. */
    @Override
    protected void handleDeny(RequestDetails request, Verdict verdict) {
        Caller caller = Callers.of(request);
        String type = request == null ? null : request.getResourceName();
        Permission permission = request == null ? null : Permission.of(request.getRestOperationType());
        if (caller != null && type != null && permission != null) {
            throw new ForbiddenOperationException(Refusals.message(caller, type, permission));
        }
        if (request != null
                && request.getOperation() != null
                && request.getOperation().startsWith("$")) {
            throw new ForbiddenOperationException(
                    "The " + (caller == null ? "anonymous" : caller.role().claim())
                            + " caller may not run " + request.getOperation() + (type == null ? "" : " on " + type)
                            + "; no scope can allow it (docs/security.md lists each role's rights)");
        }
        super.handleDeny(request, verdict);
    }

    static List<IAuthRule> rules(Caller caller) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("metadata").metadata();
        rules.allow("transaction").transaction().withAnyOperation().andApplyNormalRules();
        effectivePermissions(caller).forEach((type, permissions) -> allow(rules, type, permissions));
        if (caller.may("Patient", Permission.READ)) {
            // What $everything returns is checked resource by resource against the read rules above.
            rules.allow("$everything")
                    .operation()
                    .named("$everything")
                    .onInstancesOfType(Patient.class)
                    .andRequireExplicitResponseAuthorization();
        }
        if (caller.may("Subscription", Permission.READ)) {
            // Registry sync's $status and $events: the operation reads the Subscription with this request first, so
            // the read rules and the owner tag (SubscriptionOwnership) decide; what it returns is built for the
            // subscription's owner (its scopes, blinding), not checked again here.
            for (String operation : List.of("$status", "$events")) {
                rules.allow("Subscription " + operation)
                        .operation()
                        .named(operation)
                        .onInstancesOfType(Subscription.class)
                        .andAllowAllResponses();
            }
        }
        // SQL on FHIR's $viewdefinition-run (package views): it returns rows, no resources, and checks read and search
        // on the view's type itself, then applies this caller's rights and blinding to every resource it reads.
        rules.allow("$viewdefinition-run")
                .operation()
                .named("$viewdefinition-run")
                .onServer()
                .andAllowAllResponses();
        // SQL-on-FHIR $viewdefinition-export (views.export): the operations check the caller's search scopes on each
        // view's type themselves, build the files for that caller (scopes, blinding), and give status and files only
        // to the client that started the export.
        for (String operation :
                List.of("$viewdefinition-export", "$viewdefinition-export-status", "$viewdefinition-export-file")) {
            rules.allow(operation).operation().named(operation).onServer().andAllowAllResponses();
        }
        if (caller.role().exports()) {
            // Bulk export (docs/export.md). Which types a job may hold, the caller's blinding and who may poll it and
            // read its files are checked by the export package; HAPI's bulk export rule only has to let it start.
            rules.allow("$export system")
                    .operation()
                    .named("$export")
                    .onServer()
                    .andAllowAllResponses();
            rules.allow("$export Patient")
                    .operation()
                    .named("$export")
                    .onType(Patient.class)
                    .andAllowAllResponses();
            rules.allow("$export Group")
                    .operation()
                    .named("$export")
                    .onInstancesOfType(Group.class)
                    .andAllowAllResponses();
            rules.allow("$export-poll-status")
                    .operation()
                    .named("$export-poll-status")
                    .onServer()
                    .andAllowAllResponses();
            rules.allow("bulk export").bulkExport().any();
        }
        if (caller.role() == Role.ADMIN) {
            rules.allow("admin operations")
                    .operation()
                    .withAnyName()
                    .atAnyLevel()
                    .andRequireExplicitResponseAuthorization();
        }
        rules.denyAll("the token's scopes do not allow this request");
        return rules.build();
    }

    private static void allow(RuleBuilder rules, String type, Set<Permission> permissions) {
        // Named rules: HAPI caches the unnamed allow() builder and its create()/write() sub-builders share one field,
        // so a second unnamed rule would silently turn "write" into another "create".
        String name = "system/" + type + ".";
        if (permissions.contains(Permission.READ) || permissions.contains(Permission.SEARCH)) {
            on(rules.allow(name + "rs").read(), type).withAnyId();
        }
        if (permissions.contains(Permission.CREATE)) {
            on(rules.allow(name + "c").create(), type).withAnyId();
            on(rules.allow(name + "c conditional").createConditional(), type).andThen();
        }
        if (permissions.contains(Permission.UPDATE)) {
            on(rules.allow(name + "u").write(), type).withAnyId();
            on(rules.allow(name + "u conditional").updateConditional(), type).andThen();
            rules.allow(name + "u patch").patch().allRequests(); // the patched result is checked by the write rule
        }
        if (permissions.contains(Permission.DELETE)) {
            on(rules.allow(name + "d").delete(), type).withAnyId();
            on(rules.allow(name + "d conditional").deleteConditional(), type).andThen();
        }
    }

    private static <T> T on(IAuthRuleBuilderAppliesTo<T> rule, String type) {
        return SmartScope.ANY_TYPE.equals(type) ? rule.allResources() : rule.resourcesOfType(type);
    }

    /**
     * Resource type (or {@code *}) to what both the token's scopes and the role's ceiling allow on it. The EHR's
     * per-type boundary is left to {@link #require}: its ceiling is {@code *}, and HAPI's rules cannot subtract.
     */
    static Map<String, Set<Permission>> effectivePermissions(Caller caller) {
        Set<String> types = new TreeSet<>();
        caller.scopes().forEach(scope -> types.add(scope.resourceType()));
        caller.role().ceiling().forEach(scope -> types.add(scope.resourceType()));
        Map<String, Set<Permission>> effective = new TreeMap<>();
        for (String type : types) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (Permission permission : Permission.values()) {
                if (caller.reaches(type, permission)) {
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
