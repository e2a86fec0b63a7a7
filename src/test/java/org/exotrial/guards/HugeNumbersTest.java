package org.exotrial.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HugeNumbersTest {

    @Test
    void searchNumbersBeyondADoubleAreRefusedWhereverTheyStand() {
        for (String value : new String[] {
            "gt1e400",
            "1e-400",
            "gt1e99999999|http://unitsofmeasure.org|mg",
            "http://loinc.org|26881-3$gt1e5000",
            "5,ge-1E+9999999999999"
        }) {
            assertThatThrownBy(() -> HugeNumbers.refuseInParameter("value-quantity", value))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("value-quantity")
                    .hasMessageContaining("outside the range a search compares");
        }
    }

    @Test
    void ordinarySearchValuesPass() {
        for (String value : new String[] {
            "gt170",
            "ge1.5e3|http://unitsofmeasure.org|pg/mL",
            "1e300",
            "0.0e-999",
            "http://loinc.org|26881-3",
            "MRN-1e5000x",
            "2026-11-28",
            "Smith"
        }) {
            assertThatCode(() -> HugeNumbers.refuseInParameter("p", value)).doesNotThrowAnyException();
        }
    }

    @Test
    void aJsonBodyWithANumberTooLongToWriteOutIsRefused() {
        assertThatThrownBy(() -> HugeNumbers.refuseInBody(
                        bytes("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e99999999}}"),
                        EncodingEnum.JSON))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("more than 1000 digits");
    }

    @Test
    void anXmlBodyWithANumberTooLongToWriteOutIsRefused() {
        assertThatThrownBy(() -> HugeNumbers.refuseInBody(
                        bytes("<Observation xmlns=\"http://hl7.org/fhir\"><valueQuantity><value value=\"2E+5000\"/>"
                                + "</valueQuantity></Observation>"),
                        EncodingEnum.XML))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theSearchValuesOfTransactionEntriesAreLookedAtToo() {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\","
                + "\"url\":\"Observation?value-quantity=gt1e99999999\"}}]}";
        assertThatThrownBy(() -> HugeNumbers.refuseInBody(bytes(json), EncodingEnum.JSON))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("value-quantity");
        String xml = "<Bundle xmlns=\"http://hl7.org/fhir\"><entry><request><method value=\"POST\"/>"
                + "<url value=\"Observation\"/><ifNoneExist value=\"value-quantity=gt1e%2B99999999\"/></request></entry>"
                + "</Bundle>";
        assertThatThrownBy(() -> HugeNumbers.refuseInBody(bytes(xml), EncodingEnum.XML))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> HugeNumbers.refuseInQuery("identifier=a&value-quantity=lt-1E5000"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatCode(() -> HugeNumbers.refuseInQuery("Patient?identifier=https://exotrial.org/fhir/sid/mrn|1e5"))
                .doesNotThrowAnyException();
    }

    @Test
    void longExponentsInsideStringsAndOtherContentAreNotNumbers() {
        // In a JSON string (a note, base64 data) it is text, not a number HAPI writes out.
        assertThatCode(() -> HugeNumbers.refuseInBody(
                        bytes("{\"resourceType\":\"Basic\",\"text\":{\"div\":\"<div>9e12345</div>\"},\"value\":1.5e3}"),
                        EncodingEnum.JSON))
                .doesNotThrowAnyException();
        // Strings in arrays have no field name.
        assertThatCode(() -> HugeNumbers.refuseInBody(
                        bytes("{\"resourceType\":\"Patient\",\"meta\":{\"profile\":[\"https://x\"]},"
                                + "\"name\":[{\"given\":[\"A\",\"B\"]}]}"),
                        EncodingEnum.JSON))
                .doesNotThrowAnyException();
        // A Binary posted in its own content type is not FHIR.
        assertThatCode(() -> HugeNumbers.refuseInBody(bytes("1e99999999"), null))
                .doesNotThrowAnyException();
    }

    @Test
    void digitsWrittenOut() {
        assertThat(HugeNumbers.writtenOutDigits(new BigDecimal("1e3"))).isEqualTo(5); // "1000" and a margin of one
        assertThat(HugeNumbers.writtenOutDigits(new BigDecimal("1e99999999"))).isGreaterThan(99_999_999);
        assertThat(HugeNumbers.writtenOutDigits(new BigDecimal("1e-2000"))).isGreaterThan(2000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
