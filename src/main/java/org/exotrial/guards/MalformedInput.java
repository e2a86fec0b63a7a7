package org.exotrial.guards;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Malformed values in a request that HAPI lets through as plain Java or database errors, and so would answer with 500
 * as if the server had failed: a search number that is no number ({@code value-quantity=gt12abc}), an
 * {@code If-Match} version that is none, a broken percent-escape in the query ({@code name=%ZZ}), and a value the
 * database cannot store ({@code "value": 1e400}, beyond a double). They are the client's to fix, so they get 400.
 * Numbers too large to handle at all, bodies nested too deep to validate, and result parameters HAPI would ignore or
 * fail on are refused before HAPI reads them.
 */
final class MalformedInput {

    /** The SQLSTATE class PostgreSQL (and the SQL standard) uses for data exceptions: out of range, malformed. */
    static final String DATA_EXCEPTION_CLASS = "22";

    private static final Set<RequestTypeEnum> HAS_BODY =
            EnumSet.of(RequestTypeEnum.POST, RequestTypeEnum.PUT, RequestTypeEnum.PATCH);

    /**
     * SERVER_INCOMING_REQUEST_POST_PROCESSED: before HAPI parses the body or turns the parameters into search
     * values ({@link ResultParameters}, {@link HugeNumbers}, {@link NestingDepth}). HAPI keeps the body it read
     * here, so it is read once.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean beforeReading(RequestDetails request) {
        ResultParameters.refuseInvalid(request.getParameters());
        request.getParameters().forEach((name, values) -> {
            for (String value : values) {
                HugeNumbers.refuseInParameter(name, value);
            }
        });
        String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
        if (ifNoneExist != null) {
            HugeNumbers.refuseInQuery(ifNoneExist);
        }
        if (HAS_BODY.contains(request.getRequestType())) {
            byte[] body = request.loadRequestContents();
            String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
            EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
            NestingDepth.refuseTooDeep(body, encoding);
            HugeNumbers.refuseInBody(body, encoding);
        }
        return true;
    }

    /**
     * SERVER_PRE_PROCESS_OUTGOING_EXCEPTION: HAPI asks what to answer for an exception before it wraps anything
     * that is not its own in a 500. The first hook that answers wins, so this one runs before the others, which
     * see only HAPI's exceptions.
     */
    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = -100)
    public BaseServerResponseException translate(Throwable exception) {
        return reason(exception).map(InvalidRequestException::new).orElse(null);
    }

    /** Why the request is malformed, when the exception or one of its causes says so. */
    static Optional<String> reason(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof NumberFormatException) {
                // The server parses numbers only from what a request sends: search values, versions, counts.
                return Optional.of("The request holds a number the server cannot read or index: " + t.getMessage());
            }
            if (t instanceof IllegalArgumentException
                    && String.valueOf(t.getMessage()).startsWith("URLDecoder:")) {
                return Optional.of("The request URL holds a malformed percent-escape: " + t.getMessage());
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
                // The database's own message quotes the value, which may be thousands of digits long.
                return Optional.of("A value in the request is out of range or malformed for the database"
                        + " (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        return Optional.empty();
    }
}
