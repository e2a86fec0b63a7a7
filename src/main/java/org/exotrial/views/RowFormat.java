package org.exotrial.views;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Locale;

/** The output formats of {@code $viewdefinition-run}: {@code _format} by name or by media type. */
public enum RowFormat {
    CSV("text/csv"),
    NDJSON("application/x-ndjson"),
    JSON("application/json");

    private final String mediaType;

    RowFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The format {@code _format} names; NDJSON when it names none, as the specification's default. */
    static RowFormat of(String format) {
        if (format == null || format.isBlank()) {
            return NDJSON;
        }
        String f = format.trim().toLowerCase(Locale.ROOT);
        int semicolon = f.indexOf(';');
        if (semicolon >= 0) {
            f = f.substring(0, semicolon).trim();
        }
        return switch (f) {
            case "csv", "text/csv" -> CSV;
            case "ndjson", "application/x-ndjson", "application/ndjson", "application/fhir+ndjson" -> NDJSON;
            case "json", "application/json" -> JSON;
            default -> throw new InvalidRequestException(
                    "_format '" + format + "' is not supported: csv, ndjson or json (or text/csv,"
                            + " application/x-ndjson, application/json)");
        };
    }
}
