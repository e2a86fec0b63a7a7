package org.exotrial.views.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.exotrial.views.engine.ViewColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFileWriterTest {

    static final List<ViewColumn> COLUMNS = List.of(
            new ViewColumn("id", "id", false),
            new ViewColumn("day", "integer", false),
            new ViewColumn("value", "decimal", false),
            new ViewColumn("leak", "boolean", false),
            new ViewColumn("note", "string", false),
            new ViewColumn("effective", "dateTime", false));

    static final List<List<Object>> ROWS = List.of(
            Arrays.asList("o1", 1, new BigDecimal("160.5"), true, "say \"hi\", then go", "2025-01-12T07:00:00+03:30"),
            Arrays.asList("o2", null, null, false, null, "2025-01"));

    @TempDir
    Path dir;

    @Test
    void parquetReadsBackWithTypedColumnsAndNulls() throws Exception {
        Path file = write(ExportFormat.PARQUET);
        ParquetRows read = ParquetRows.read(file);
        assertThat(read.columns).containsExactly("id", "day", "value", "leak", "note", "effective");
        assertThat(read.types)
                .containsEntry("day", "INT32")
                .containsEntry("value", "DOUBLE")
                .containsEntry("leak", "BOOLEAN")
                .containsEntry("effective", "BINARY");
        assertThat(read.rows).hasSize(2);
        assertThat(read.rows.get(0))
                .containsEntry("id", "o1")
                .containsEntry("day", 1)
                .containsEntry("value", 160.5)
                .containsEntry("leak", true)
                .containsEntry("note", "say \"hi\", then go")
                .containsEntry("effective", "2025-01-12T07:00:00+03:30");
        assertThat(read.rows.get(1))
                .containsEntry("day", null)
                .containsEntry("value", null)
                .containsEntry("leak", false)
                .containsEntry("effective", "2025-01");
    }

    @Test
    void csvHasHeaderAndQuotesWhatNeedsQuoting() throws Exception {
        Path file = write(ExportFormat.CSV);
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("id,day,value,leak,note,effective\r\n"
                        + "o1,1,160.5,true,\"say \"\"hi\"\", then go\",2025-01-12T07:00:00+03:30\r\n"
                        + "o2,,,false,,2025-01\r\n");
    }

    @Test
    void ndjsonIsOneObjectPerRow() throws Exception {
        Path file = write(ExportFormat.NDJSON);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .isEqualTo("{\"id\":\"o2\",\"day\":null,\"value\":null,\"leak\":false,\"note\":null,"
                        + "\"effective\":\"2025-01\"}");
    }

    @Test
    void formatsByShortNameOrMediaType() {
        assertThat(ExportFormat.of(null)).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.of("parquet")).isEqualTo(ExportFormat.PARQUET);
        assertThat(ExportFormat.of("text/csv")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.of("application/x-ndjson")).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.of("xlsx")).isNull();
    }

    private Path write(ExportFormat format) throws Exception {
        Path file = dir.resolve("out." + format.extension);
        try (RowFileWriter writer = RowFileWriter.open(format, COLUMNS, file)) {
            for (List<Object> row : ROWS) {
                writer.write(row);
            }
        }
        return file;
    }
}
