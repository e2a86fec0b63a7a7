package org.exotrial.views.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads a Parquet file back with parquet-java, the library that wrote it: column names and rows (name to value). */
public final class ParquetRows {

    public final List<String> columns = new ArrayList<>();
    public final Map<String, String> types = new LinkedHashMap<>();
    public final List<Map<String, Object>> rows = new ArrayList<>();

    public static ParquetRows read(Path file) throws IOException {
        ParquetRows result = new ParquetRows();
        try (ParquetFileReader reader = ParquetFileReader.open(
                new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (Type field : schema.getFields()) {
                result.columns.add(field.getName());
                result.types.put(
                        field.getName(),
                        field.asPrimitiveType().getPrimitiveTypeName().name());
            }
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = records.read();
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int f = 0; f < schema.getFieldCount(); f++) {
                        PrimitiveType type = schema.getType(f).asPrimitiveType();
                        int count = group.getFieldRepetitionCount(f);
                        row.put(type.getName(), count == 0 ? null : value(group, f, type));
                    }
                    result.rows.add(row);
                }
            }
        }
        return result;
    }

    private static Object value(Group group, int field, PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> group.getInteger(field, 0);
            case INT64 -> group.getLong(field, 0);
            case DOUBLE -> group.getDouble(field, 0);
            case BOOLEAN -> group.getBoolean(field, 0);
            default -> group.getString(field, 0);
        };
    }
}
