package org.exotrial.guards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MalformedInputTest {

    private final MalformedInput translator = new MalformedInput();

    @Test
    void aNumberThatIsNoneIsTheClientsError() {
        var answer = translator.translate(new InternalErrorException(
                "HAPI-2223: For input string", new NumberFormatException("For input string: \"garbage\"")));
        assertThat(answer.getStatusCode()).isEqualTo(400);
        assertThat(answer.getMessage()).contains("garbage");
    }

    @Test
    void aBrokenPercentEscapeIsTheClientsError() {
        var answer = translator.translate(
                new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern"));
        assertThat(answer.getStatusCode()).isEqualTo(400);
        assertThat(answer.getMessage()).contains("percent-escape");
    }

    @Test
    void aDatabaseDataExceptionIsTheClientsErrorWithoutQuotingTheValue() {
        var answer = translator.translate(new RuntimeException(
                new SQLException("ERROR: \"1000000000\" is out of range for type double precision", "22003")));
        assertThat(answer.getStatusCode()).isEqualTo(400);
        assertThat(answer.getMessage()).contains("SQLSTATE 22003").doesNotContain("1000000000");
    }

    @Test
    void everythingElseStaysTheServersError() {
        assertThat(translator.translate(new NullPointerException())).isNull();
        assertThat(translator.translate(new IllegalArgumentException("Offset must be positive")))
                .isNull();
        assertThat(translator.translate(new RuntimeException(new SQLException("duplicate key", "23505"))))
                .isNull();
    }
}
