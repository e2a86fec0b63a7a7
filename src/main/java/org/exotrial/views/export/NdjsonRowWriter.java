package org.exotrial.views.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exotrial.views.engine.ViewColumn;

/** One JSON object per row and line, keyed by column name; null cells are written as JSON null. */
final class NdjsonRowWriter implements RowFileWriter {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final BufferedWriter out;
    private final List<ViewColumn> columns;

    NdjsonRowWriter(List<ViewColumn> columns, Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = columns;
    }

    @Override
    public void write(List<Object> row) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            object.put(columns.get(i).name(), row.get(i));
        }
        JSON.writeValue(out, object);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
