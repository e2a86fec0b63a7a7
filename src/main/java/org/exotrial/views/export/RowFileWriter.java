package org.exotrial.views.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exotrial.views.RowFormat;
import org.exotrial.views.RowWriter;
import org.exotrial.views.engine.ViewColumn;

/**
 * Writes one view's rows to a file, a row at a time, so a whole study never sits in memory as rows. Each row has
 * one value per column (as {@link org.exotrial.views.engine.CompiledView#rows} gives them).
 */
interface RowFileWriter extends AutoCloseable {

    void write(List<Object> row) throws IOException;

    @Override
    void close() throws IOException;

    static RowFileWriter open(ExportFormat format, List<ViewColumn> columns, Path file) throws IOException {
        return switch (format) {
            case CSV -> text(RowFormat.CSV, columns, file);
            case NDJSON -> text(RowFormat.NDJSON, columns, file);
            case PARQUET -> new ParquetRowWriter(columns, file);
        };
    }

    /** CSV (with a header) or NDJSON, written as {@code $viewdefinition-run} writes them. */
    private static RowFileWriter text(RowFormat format, List<ViewColumn> columns, Path file) throws IOException {
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        RowWriter rows = new RowWriter(format, columns, true, out);
        return new RowFileWriter() {
            @Override
            public void write(List<Object> row) throws IOException {
                rows.write(row);
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    rows.close();
                }
            }
        };
    }
}
