package org.exotrial.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/**
 * Makes a resent hospital record change nothing. EHR exports (Synthea's among them) send every resource as an
 * unconditional {@code POST} whose {@code fullUrl} is {@code urn:uuid:<the resource's id>}, and most of their resources
 * (Observations, Procedures, Claims) carry no business identifier a conditional create could match on. A server that
 * assigns fresh ids stores the whole record again on every resend.
 *
 * <p>So a transaction or batch entry that is a {@code POST} of a resource, without {@code ifNoneExist}, whose
 * {@code fullUrl} is a UUID and whose own id is absent or that same UUID, is stored under the UUID: it becomes
 * {@code PUT <type>/<uuid>}. The first send creates the resource (201), a resend finds it unchanged and stores no new
 * version (200), a later export with changed content updates it. A UUID names one resource wherever it is minted (RFC
 * 4122), which is what lets the server choose it as the id; temporary ids that are not UUIDs ({@code urn:uuid:p1})
 * and conditional creates are left as sent.
 */
final class SenderUuidIds {

    private static final Pattern UUID_URN =
            Pattern.compile("urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /**
     * SERVER_INCOMING_REQUEST_PRE_HANDLED: the bundle is parsed and no entry processed yet, so HAPI's transaction
     * processor sees the entries as rewritten here, references to their fullUrls included.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void storeUnderSenderUuids(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            bundle.getEntry().forEach(SenderUuidIds::rewrite);
        }
    }

    static void rewrite(BundleEntryComponent entry) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        Resource resource = entry.getResource();
        if (request.getMethod() != HTTPVerb.POST
                || request.hasIfNoneExist()
                || resource == null
                || !entry.hasFullUrl()) {
            return;
        }
        var fullUrl = UUID_URN.matcher(entry.getFullUrl());
        String type = resource.fhirType();
        if (!fullUrl.matches() || !type.equals(stripSlashes(request.getUrl()))) {
            return;
        }
        String uuid = fullUrl.group(1).toLowerCase(java.util.Locale.ROOT);
        // HAPI's parser gives a bundle entry's resource its fullUrl as id; the resource's own id is the UUID alone.
        String id = resource.getIdElement().getValue();
        if (id != null
                && !id.equalsIgnoreCase(entry.getFullUrl())
                && !resource.getIdElement().getIdPart().equalsIgnoreCase(uuid)) {
            return; // the sender named the resource otherwise; not ours to guess which it meant
        }
        resource.setId(type + "/" + uuid);
        request.setMethod(HTTPVerb.PUT).setUrl(type + "/" + uuid);
    }

    private static String stripSlashes(String url) {
        if (url == null) {
            return "";
        }
        String stripped = url.startsWith("/") ? url.substring(1) : url;
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
