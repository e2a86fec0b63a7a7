package org.exotrial.server;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR endpoint's behaviour, under {@code exotrial.fhir}.
 *
 * @param defaultPageSize search results per page when the client sends no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured; larger values are capped
 * @param serverAddress public base URL to use in links and {@code Location} headers (e.g. behind a proxy); empty means
 *     "derive it from the incoming request"
 * @param cors cross-origin access for browser clients, off by default
 * @param resourceTypes the resource types stored and served ({@link StoredResourceTypes}); {@code *}, the default,
 *     for all of R4
 */
@Validated
@ConfigurationProperties("exotrial.fhir")
public record FhirServerProperties(
        @DefaultValue("20") @Min(1) @Max(1000) int defaultPageSize,
        @DefaultValue("200") @Min(1) @Max(5000) int maxPageSize,
        @DefaultValue("") String serverAddress,
        @Valid @DefaultValue Cors cors,
        @DefaultValue("*") List<String> resourceTypes) {

    /** The types stored: those configured and those the server itself needs; empty when all of R4 are ({@code *}). */
    public Optional<Set<String>> storedResourceTypes() {
        if (resourceTypes.contains(StoredResourceTypes.ALL)) {
            return Optional.empty();
        }
        Set<String> stored = new TreeSet<>(resourceTypes);
        stored.addAll(StoredResourceTypes.REQUIRED);
        return Optional.of(stored);
    }

    /**
     * @param enabled whether CORS headers are sent at all
     * @param allowedOrigins origin patterns allowed to call the server, e.g. {@code https://*.hospital.org}
     */
    public record Cors(@DefaultValue("false") boolean enabled, @DefaultValue("") List<String> allowedOrigins) {}
}
