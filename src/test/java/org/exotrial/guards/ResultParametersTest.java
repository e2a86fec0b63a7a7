package org.exotrial.guards;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultParametersTest {

    @Test
    void codesHapiWouldIgnoreAreRefused() {
        assertThatThrownBy(() -> ResultParameters.refuseInvalid(Map.of("_summary", new String[] {"foo"})))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("_summary=foo is not one of true, false, text, data, count");
        assertThatThrownBy(() -> ResultParameters.refuseInvalid(Map.of("_total", new String[] {"all"})))
                .hasMessageContaining("none, estimate, accurate");
    }

    @Test
    void negativeCountsAndOffsetsAreRefused() {
        assertThatThrownBy(() -> ResultParameters.refuseInvalid(Map.of("_count", new String[] {"-5"})))
                .hasMessage("_count must not be negative: -5");
        assertThatThrownBy(() -> ResultParameters.refuseInvalid(Map.of("_offset", new String[] {"-1"})))
                .hasMessage("_offset must not be negative: -1");
    }

    @Test
    void validValuesAndOtherParametersPass() {
        assertThatCode(() -> ResultParameters.refuseInvalid(Map.of(
                        "_summary", new String[] {"count"},
                        "_total", new String[] {"accurate"},
                        "_count", new String[] {"0"},
                        "_offset", new String[] {"20"},
                        "value-quantity", new String[] {"-5"})))
                .doesNotThrowAnyException();
    }
}
