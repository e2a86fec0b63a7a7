package org.exotrial.ingest.hl7v2;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HL7 v2 ingest, under {@code exotrial.hl7v2}.
 *
 * @param mllp the MLLP listener
 * @param patientIdentifierSystem the FHIR identifier system PID-3.1 is looked up in (the hospital MRN)
 * @param timeZone the zone of v2 timestamps that carry no offset (the hospital's local time)
 */
@Validated
@ConfigurationProperties("exotrial.hl7v2")
public record Hl7v2Properties(
        @Valid @DefaultValue Mllp mllp,
        @NotBlank @DefaultValue("https://exotrial.org/fhir/sid/mrn") String patientIdentifierSystem,
        @NotNull @DefaultValue("UTC") ZoneId timeZone) {

    /**
     * @param enabled whether the server listens for MLLP at all ({@code POST /hl7v2} works either way)
     * @param port TCP port of the listener
     */
    public record Mllp(@DefaultValue("true") boolean enabled, @DefaultValue("2575") @Min(1) @Max(65535) int port) {}
}
