package org.exotrial.views.export;

import java.util.Locale;

/** The output formats of {@code $viewdefinition-export}: {@code _format} values and what each file is served as. */
enum ExportFormat {
    CSV("csv", "text/csv"),
    PARQUET("parquet", "application/vnd.apache.parquet"),
    NDJSON("ndjson", "application/x-ndjson");

    final String extension;
    final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The format {@code _format} names (short name or media type), CSV when absent, null when unknown. */
    static ExportFormat of(String format) {
        if (format == null || format.isBlank()) {
            return CSV;
        }
        String f = format.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat candidate : values()) {
            if (f.equals(candidate.extension) || f.equals(candidate.mediaType)) {
                return candidate;
            }
        }
        return switch (f) {
            case "text/csv;header=present", "application/parquet" -> f.startsWith("text") ? CSV : PARQUET;
            case "application/fhir+ndjson", "application/ndjson", "json" -> NDJSON;
            default -> null;
        };
    }
}
