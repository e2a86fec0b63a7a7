package org.exotrial.views.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.exotrial.views.engine.ViewColumn;

/**
 * RFC 4180 CSV with a header row of the column names: fields with a comma, quote or line break are quoted, quotes
 * doubled; an empty cell is null; a collection cell holds its values joined by commas (quoted).
 */
final class CsvRowWriter implements RowFileWriter {

    private final BufferedWriter out;
    private final int width;

    CsvRowWriter(List<ViewColumn> columns, Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.width = columns.size();
        line(columns.stream().map(c -> (Object) c.name()).toList());
    }

    @Override
    public void write(List<Object> row) throws IOException {
        if (row.size() != width) {
            throw new IllegalArgumentException("a row of " + row.size() + " cells for " + width + " columns");
        }
        line(row);
    }

    private void line(List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(text(cells.get(i))));
        }
        out.write("\r\n");
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(CsvRowWriter::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
