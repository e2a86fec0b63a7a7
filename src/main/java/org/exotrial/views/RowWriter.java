package org.exotrial.views;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.exotrial.views.engine.ViewColumn;

/**
 * Writes rows as they come, in one of the {@link RowFormat}s; nothing is held but the current row. The one writer of
 * CSV and JSON rows: {@code $viewdefinition-run}'s responses and {@code $viewdefinition-export}'s files.
 */
public final class RowWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RowFormat format;
    private final List<ViewColumn> columns;
    private final Writer out;
    private final JsonGenerator json;
    private boolean first = true;

    public RowWriter(RowFormat format, List<ViewColumn> columns, boolean header, Writer out) throws IOException {
        this.format = format;
        this.columns = columns;
        this.out = out;
        // No separator between root values: Jackson's default space would start every NDJSON line after the first.
        this.json = format == RowFormat.CSV ? null : JSON.createGenerator(out).setRootValueSeparator(null);
        if (format == RowFormat.JSON) {
            json.writeStartArray();
        }
        if (format == RowFormat.CSV && header) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csv(columns.get(i).name()));
            }
            out.write("\r\n");
        }
    }

    public void write(List<Object> row) throws IOException {
        if (format == RowFormat.CSV) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvCell(row.get(i)));
            }
            out.write("\r\n");
            return;
        }
        if (format == RowFormat.NDJSON && !first) {
            json.flush();
            out.write('\n');
        }
        first = false;
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            json.writeFieldName(columns.get(i).name());
            json.writeObject(row.get(i));
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        if (format == RowFormat.JSON) {
            json.writeEndArray();
        }
        if (json != null) {
            json.flush();
        }
        if (format == RowFormat.NDJSON && !first) {
            out.write('\n');
        }
        out.flush();
    }

    private static String csvCell(Object value) throws IOException {
        return value == null ? "" : csv(text(value));
    }

    /**
     * A cell as text, for formats without its type (CSV, Parquet strings): a decimal as written, a collection as a
     * JSON array of its values.
     */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e); // only strings, numbers and booleans: cannot happen
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
