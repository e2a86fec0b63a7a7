package org.exotrial.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one request may carry, under {@code exotrial.ingest}. Beyond them the server answers 413 with an
 * OperationOutcome, before doing the work.
 *
 * <p>The defaults take a lifetime hospital record in one transaction (Synthea's oldest patients: 15,000 to 28,000
 * entries, 47 to 82 MB as exported) within the heap the README gives the server (docs/ingest/hospital-records.md).
 *
 * @param maxBundleEntries the most entries a transaction or batch bundle may have
 * @param maxRequestSize the largest request body on {@code /fhir} and {@code /hl7v2} (e.g. {@code 128MB}); checked
 *     against Content-Length and while the body streams in, so an oversized body is never read whole. Also the largest
 *     HL7 v2 message over MLLP (hl7v2/SizeLimitedLlp)
 */
@Validated
@ConfigurationProperties("exotrial.ingest")
public record IngestProperties(
        @DefaultValue("30000") @Min(1) @Max(1_000_000) int maxBundleEntries,
        @NotNull @DefaultValue("128MB") DataSize maxRequestSize) {

    public IngestProperties {
        if (maxRequestSize != null && maxRequestSize.toBytes() < 1024) {
            throw new IllegalArgumentException("exotrial.ingest.max-request-size must be at least 1KB");
        }
    }
}
