package org.exotrial.audit.store;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code /fhir/AuditEvent}: reads and searches of the trail's own table ({@link AuditStore}) in place of HAPI's JPA
 * provider for the type. The parameters are the ones docs/security/audit.md lists; anything else is refused with 400.
 * Results page by offset ({@code _offset}), which needs no stored search: the table is only appended to, so a page
 * in the default order is the same page on every node, now and later.
 *
 * <p>Every response passes through the same storage hooks as HAPI's own providers ({@code STORAGE_PREACCESS_RESOURCES},
 * {@code STORAGE_PRESHOW_RESOURCES}), so authorization checks each event and BALP audits an admin's look at the trail
 * like any other read or search.
 */
public final class AuditEventProvider implements IResourceProvider {

    private final AuditStore store;

    public AuditEventProvider(AuditStore store) {
        this.store = store;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        List<IBaseResource> shown = shown(List.of(store.read(id)), request);
        if (shown.isEmpty()) {
            throw new ForbiddenOperationException("Access denied");
        }
        return (AuditEvent) shown.get(0);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = AuditEvent.SP_DATE) DateAndListParam date,
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceAndListParam entity,
            @OptionalParam(name = AuditEvent.SP_ENTITY_NAME) StringAndListParam entityName,
            @OptionalParam(name = AuditEvent.SP_ENTITY_TYPE) TokenAndListParam entityType,
            @OptionalParam(name = AuditEvent.SP_ENTITY_ROLE) TokenAndListParam entityRole,
            @OptionalParam(name = AuditEvent.SP_ALTID) TokenAndListParam altid,
            @OptionalParam(name = AuditEvent.SP_AGENT_NAME) StringAndListParam agentName,
            @OptionalParam(name = AuditEvent.SP_AGENT_ROLE) TokenAndListParam agentRole,
            @OptionalParam(name = AuditEvent.SP_TYPE) TokenAndListParam type,
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenAndListParam subtype,
            @OptionalParam(name = AuditEvent.SP_ACTION) TokenAndListParam action,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenAndListParam outcome,
            @Sort SortSpec sort,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        AuditSearch criteria = new AuditSearch()
                .ids(ids)
                .dates(date)
                .references("patient", patient, "Patient")
                .references("entity", entity, null)
                .strings("entity_name", entityName)
                .tokens("entity_type", entityType)
                .tokens("entity_role", entityRole)
                .tokens("altid", altid)
                .strings("agent_name", agentName)
                .tokens("agent_role", agentRole)
                .tokens("type", type)
                .tokens("subtype", subtype)
                .tokens("action", action)
                .tokens("outcome", outcome);
        int total = store.count(criteria);
        int start = offset == null ? 0 : Math.max(0, offset);
        int size = pageSize(count, request);
        List<IBaseResource> page = size == 0 || start >= total || isCountOnly(request)
                ? List.of()
                : shown(new ArrayList<>(store.search(criteria, order(sort), start, size)), request);
        SimpleBundleProvider result = new SimpleBundleProvider(page);
        result.setSize(total);
        result.setCurrentPageOffset(start);
        result.setCurrentPageSize(size);
        return result;
    }

    /** Only the server writes the trail (docs/security/audit.md); refused for every client, admins included. */
    @Create
    public MethodOutcome create(@ResourceParam AuditEvent event) {
        throw refused();
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam AuditEvent event) {
        throw refused();
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        throw refused();
    }

    private static ForbiddenOperationException refused() {
        return new ForbiddenOperationException("The audit trail is written by the server alone");
    }

    private static AuditStore.Order order(SortSpec sort) {
        if (sort == null) {
            return AuditStore.Order.STORED;
        }
        if (!AuditEvent.SP_DATE.equals(sort.getParamName()) || sort.getChain() != null) {
            throw new InvalidRequestException("AuditEvent can be sorted by date (_sort=date or _sort=-date) only");
        }
        return sort.getOrder() == SortOrderEnum.DESC
                ? AuditStore.Order.RECORDED_NEWEST_FIRST
                : AuditStore.Order.RECORDED;
    }

    private static int pageSize(Integer count, RequestDetails request) {
        IPagingProvider paging = request.getServer().getPagingProvider();
        if (count == null) {
            return paging.getDefaultPageSize();
        }
        return Math.max(0, Math.min(count, paging.getMaximumPageSize()));
    }

    private static boolean isCountOnly(RequestDetails request) {
        String[] summary = request.getParameters().get("_summary");
        return summary != null && List.of(summary).contains("count");
    }

    /**
     * Runs the events past the storage hooks, in the order HAPI's JPA providers do: access (authorization may withhold
     * an event), then show (BALP records what the caller was shown). Returns what may be returned.
     */
    private static List<IBaseResource> shown(List<IBaseResource> events, RequestDetails request) {
        IInterceptorBroadcaster hooks = request.getInterceptorBroadcaster();
        if (hooks == null || events.isEmpty()) {
            return events;
        }
        ServletRequestDetails servlet = request instanceof ServletRequestDetails s ? s : null;
        SimplePreResourceAccessDetails access = new SimplePreResourceAccessDetails(events);
        if (hooks.hasHooks(Pointcut.STORAGE_PREACCESS_RESOURCES)) {
            hooks.callHooks(
                    Pointcut.STORAGE_PREACCESS_RESOURCES,
                    new HookParams()
                            .add(IPreResourceAccessDetails.class, access)
                            .add(RequestDetails.class, request)
                            .add(ServletRequestDetails.class, servlet));
        }
        List<IBaseResource> allowed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!access.isDontReturnResourceAtIndex(i)) {
                allowed.add(events.get(i));
            }
        }
        if (allowed.isEmpty() || !hooks.hasHooks(Pointcut.STORAGE_PRESHOW_RESOURCES)) {
            return allowed;
        }
        SimplePreResourceShowDetails show = new SimplePreResourceShowDetails(allowed);
        hooks.callHooks(
                Pointcut.STORAGE_PRESHOW_RESOURCES,
                new HookParams()
                        .add(IPreResourceShowDetails.class, show)
                        .add(RequestDetails.class, request)
                        .add(ServletRequestDetails.class, servlet));
        return show.toList().stream().filter(Objects::nonNull).toList();
    }
}
