package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class V2MappingTest {

    @Test
    void theDocumentedMappingIsTheOneInCode() throws Exception {
        String doc = Files.readString(Path.of("docs/ingest/hl7v2.md"));
        for (V2Mapping row : V2Mapping.values()) {
            assertThat(doc).as(row.name()).contains(row.markdownRow());
        }
    }
}
