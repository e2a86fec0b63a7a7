package org.exotrial.ingest.hl7v2;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * An HL7 v2 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) as a FHIR dateTime. A timestamp without an offset is read in the
 * hospital's zone ({@code exotrial.hl7v2.time-zone}); results need at least minute precision to be placed in time.
 */
record V2Time(OffsetDateTime value) {

    private static final Pattern DTM =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(?:\\.\\d+)?([+-]\\d{4})?");

    /** Null when the text is not a DTM with at least minutes. */
    static V2Time parse(String text, ZoneId defaultZone) {
        if (text == null) {
            return null;
        }
        var m = DTM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        var local = java.time.LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        ZoneOffset offset = m.group(7) == null
                ? defaultZone.getRules().getOffset(local)
                : ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3));
        return new V2Time(OffsetDateTime.of(local, offset));
    }

    LocalDate localDate() {
        return value.toLocalDate();
    }

    DateTimeType toFhir() {
        DateTimeType dt = new DateTimeType(Date.from(value.toInstant()));
        dt.setTimeZone(TimeZone.getTimeZone(value.getOffset()));
        return dt;
    }

    /** The calendar date of a FHIR dateTime in its own offset (the date the hospital wrote down). */
    static LocalDate localDateOf(DateTimeType dateTime) {
        TimeZone zone = dateTime.getTimeZone() == null ? TimeZone.getDefault() : dateTime.getTimeZone();
        return dateTime.getValue().toInstant().atZone(zone.toZoneId()).toLocalDate();
    }
}
