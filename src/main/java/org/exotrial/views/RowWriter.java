package org.exotrial.views;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.exotrial.views.engine.ViewColumn;

/** Writes rows as they come, in one of the {@link RowFormat}s; nothing is held but the current row. */
final class RowWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RowFormat format;
    private final List<ViewColumn> columns;
    private final Writer out;
    private final JsonGenerator json;
    private boolean first = true;

    RowWriter(RowFormat format, List<ViewColumn> columns, boolean header, Writer out) throws IOException {
        this.format = format;
        this.columns = columns;
        this.out = out;
        this.json = format == RowFormat.CSV ? null : JSON.createGenerator(out);
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

    void write(List<Object> row) throws IOException {
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
        if (value == null) {
            return "";
        }
        if (value instanceof List<?>) {
            return csv(JSON.writeValueAsString(value)); // a collection column: its values as a JSON array
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return csv(value.toString());
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
