package org.exotrial.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * Audits what BALP leaves out. BALP records a resource shown or a write committed, so a request that failed, a search
 * that found nothing, a count-only search, a history read or an operation would leave no trace; this records each of
 * them in the shape of a BALP event (type {@code rest}, the RESTful interaction, the caller as requesting agent).
 *
 * <p>The resource is named by type and id ({@code entity.type}, {@code entity.name}), never by reference: the target
 * may not exist, and a reference to it could not be stored. Nothing from the request body, the query values or the
 * error message is recorded, since all three can carry patient data.
 */
final class RequestAudit {

    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

    /** Set on a request by {@link CallerAuditContext} whenever BALP builds an event for it. */
    static final String RECORDED_BY_BALP = RequestAudit.class.getName() + ".recordedByBalp";

    /** FHIR's id syntax; anything else in the id position of a URL is not an id and is not recorded. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhir;
    private final IBalpAuditContextServices context;
    private final AuditEventQueue queue;

    RequestAudit(FhirContext fhir, IBalpAuditContextServices context, AuditEventQueue queue) {
        this.fhir = fhir;
        this.context = context;
        this.queue = queue;
    }

    /**
     * SERVER_HANDLE_EXCEPTION: every error HAPI answers, whether thrown by a provider, an interceptor (authorization,
     * validation) or the database, with the status it answers. Returns true so HAPI goes on to write the response.
     */
    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        HeldUntilAnswered.release(request); // shown to BALP, never to the client
        SearchPatients.released(request);
        int status = exception.getStatusCode();
        AuditEvent event = event(request, status >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4);
        event.setOutcomeDesc("HTTP " + status);
        queue.recordAuditEvent(event);
        return true;
    }

    /**
     * SERVER_PROCESSING_COMPLETED_NORMALLY: the request was answered. BALP's reads and searches held until now are
     * queued (its PatientQuery events merged into one, {@link QueryEvents}), and the request gets an event of its own
     * unless BALP recorded it.
     */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request) {
        QueryEvents.merged(HeldUntilAnswered.release(request), SearchPatients.released(request))
                .forEach(queue::enqueue);
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (request.getUserData().containsKey(RECORDED_BY_BALP) || operation == RestOperationTypeEnum.METADATA) {
            return; // the CapabilityStatement is public and holds no data
        }
        queue.recordAuditEvent(event(request, AuditEventOutcome._0));
    }

    AuditEvent event(RequestDetails request, AuditEventOutcome outcome) {
        AuditEvent event = new AuditEvent();
        event.getType()
                .setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE)
                .setCode("rest")
                .setDisplay("Restful Operation");
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation != null) {
            event.addSubtype()
                    .setSystem(BalpConstants.CS_RESTFUL_INTERACTION)
                    .setCode(operation.getCode())
                    .setDisplay(operation.getCode());
        }
        event.setAction(action(operation, request.getRequestType()));
        event.setOutcome(outcome);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(request.getFhirServerBase());

        var client = event.addAgent();
        client.setWho(AuditAgents.who(request));
        client.setRequestor(true);
        String address = context.getNetworkAddress(request);
        if (address != null) {
            client.getNetwork().setAddress(address).setType(context.getNetworkAddressType(request));
        }
        var server = event.addAgent();
        server.getWho().setDisplay(request.getFhirServerBase());
        server.getNetwork().setAddress(request.getFhirServerBase());
        server.setRequestor(false);

        String type = request.getResourceName();
        // Recorded only when it is a resource type: /fhir/<anything> reaches HAPI too, and answers 404.
        if (type != null && fhir.getResourceTypes().contains(type)) {
            var entity = event.addEntity();
            entity.getType().setSystem(RESOURCE_TYPES).setCode(type);
            String id = request.getId() == null ? null : request.getId().getIdPart();
            if (id != null && FHIR_ID.matcher(id).matches()) {
                entity.setName(type + "/" + id);
            }
        }
        if (isSearch(operation)) {
            var query = event.addEntity();
            query.getType()
                    .setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                    .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT);
            query.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY);
            query.setQuery(QueryRedaction.redact(searchUrl(request)).getBytes(StandardCharsets.UTF_8));
        }
        if (request.getRequestId() != null) {
            var transaction = event.addEntity();
            transaction
                    .getType()
                    .setSystem("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType")
                    .setCode("XrequestId");
            transaction.getWhat().getIdentifier().setValue(request.getRequestId());
        }
        return event;
    }

    private static boolean isSearch(RestOperationTypeEnum operation) {
        return operation == RestOperationTypeEnum.SEARCH_TYPE
                || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                || operation == RestOperationTypeEnum.GET_PAGE;
    }

    /** The search as BALP writes it (base, path, parameters), before {@link QueryRedaction} removes the values. */
    private static String searchUrl(RequestDetails request) {
        StringBuilder url =
                new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=');
            separator = '&';
        }
        return url.toString();
    }

    /** BALP's action codes: R for reads, E for searches and operations, C/U/D for writes. */
    static AuditEventAction action(RestOperationTypeEnum operation, RequestTypeEnum method) {
        if (operation == null) {
            // Failed before HAPI found a handler (unknown type, malformed URL): the HTTP method is all there is.
            if (method == null) {
                return AuditEventAction.E;
            }
            return switch (method) {
                case GET, HEAD -> AuditEventAction.R;
                case POST -> AuditEventAction.C;
                case PUT, PATCH -> AuditEventAction.U;
                case DELETE -> AuditEventAction.D;
                default -> AuditEventAction.E;
            };
        }
        return switch (operation) {
            case READ,
                    VREAD,
                    HISTORY_INSTANCE,
                    HISTORY_TYPE,
                    HISTORY_SYSTEM,
                    METADATA,
                    META,
                    GET_TAGS -> AuditEventAction.R;
            case CREATE -> AuditEventAction.C;
            case UPDATE, PATCH, META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS, UPDATE_REWRITE_HISTORY -> AuditEventAction
                    .U;
            case DELETE -> AuditEventAction.D;
            default -> AuditEventAction.E;
        };
    }
}
