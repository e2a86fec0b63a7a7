package org.exotrial.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NestingDepthTest {

    @Test
    void jsonDepthCountsObjectsAndArraysButNotBracketsInStrings() {
        assertThat(NestingDepth.jsonDepth(bytes("{\"a\":[{\"b\":1}],\"c\":{}}")))
                .isEqualTo(3);
        assertThat(NestingDepth.jsonDepth(bytes("{\"div\":\"[[[{{{ \\\" [[[\"}")))
                .isEqualTo(1);
    }

    @Test
    void xmlDepthCountsElementsButNotSelfClosingOnesCommentsOrCdata() {
        String xml = "<?xml version=\"1.0\"?><Patient xmlns=\"http://hl7.org/fhir\"><!-- <a><b><c> -->"
                + "<name><family value=\"a>b\"/></name><text><div><![CDATA[<x><y>]]></div></text></Patient>";
        assertThat(NestingDepth.xmlDepth(bytes(xml))).isEqualTo(3);
    }

    @Test
    void deeplyNestedExtensionsAreRefusedInBothEncodings() {
        String json = "{\"resourceType\":\"Basic\",\"extension\":" + "[{\"url\":\"http://x\",\"extension\":".repeat(60)
                + "[]" + "}]".repeat(60) + "}";
        assertThatThrownBy(() -> NestingDepth.refuseTooDeep(bytes(json), EncodingEnum.JSON))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("122 levels deep");
        String xml = "<Basic xmlns=\"http://hl7.org/fhir\">" + "<extension url=\"http://x\">".repeat(120)
                + "</extension>".repeat(120) + "</Basic>";
        assertThatThrownBy(() -> NestingDepth.refuseTooDeep(bytes(xml), EncodingEnum.XML))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void ordinaryNestingAndOtherContentPass() {
        String json = "{\"resourceType\":\"Basic\",\"extension\":" + "[{\"url\":\"http://x\",\"extension\":".repeat(40)
                + "[]" + "}]".repeat(40) + "}";
        assertThatCode(() -> NestingDepth.refuseTooDeep(bytes(json), EncodingEnum.JSON))
                .doesNotThrowAnyException();
        assertThatCode(() -> NestingDepth.refuseTooDeep(bytes("[".repeat(500)), null))
                .doesNotThrowAnyException();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
