package org.exotrial.views.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
            case CSV -> new CsvRowWriter(columns, file);
            case NDJSON -> new NdjsonRowWriter(columns, file);
            case PARQUET -> new ParquetRowWriter(columns, file);
        };
    }
}
