package org.exotrial.views.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.exotrial.views.engine.ViewColumn;

/**
 * Parquet through parquet-java's own local file and configuration (no Hadoop file system). Column types follow the
 * view's declared FHIR types: integer kinds as INT32 (integer64 as INT64), decimal as DOUBLE, boolean as BOOLEAN,
 * everything else (strings, codes, ids, dates and times, which FHIR allows to be partial) as UTF-8 strings. Every
 * column is optional; a collection column is a repeated field. Uncompressed: gzip and snappy would need more of
 * Hadoop or native libraries, and view files are small beside the resources they come from.
 */
final class ParquetRowWriter implements RowFileWriter {

    private final List<ViewColumn> columns;
    private final List<PrimitiveTypeName> kinds;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetRowWriter(List<ViewColumn> columns, Path file) throws IOException {
        this.columns = columns;
        this.kinds = columns.stream().map(ParquetRowWriter::kind).toList();
        MessageType schema = schema(columns);
        this.groups = new SimpleGroupFactory(schema);
        Files.deleteIfExists(file);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build();
    }

    static MessageType schema(List<ViewColumn> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ViewColumn column : columns) {
            Type.Repetition repetition = column.collection() ? Type.Repetition.REPEATED : Type.Repetition.OPTIONAL;
            PrimitiveTypeName kind = kind(column);
            var field = Types.primitive(kind, repetition);
            if (kind == PrimitiveTypeName.BINARY) {
                field = field.as(LogicalTypeAnnotation.stringType());
            }
            message.addField(field.named(column.name()));
        }
        return message.named("view");
    }

    static PrimitiveTypeName kind(ViewColumn column) {
        String type = column.type() == null ? "string" : column.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "integer", "positiveint", "unsignedint" -> PrimitiveTypeName.INT32;
            case "integer64" -> PrimitiveTypeName.INT64;
            case "decimal" -> PrimitiveTypeName.DOUBLE;
            case "boolean" -> PrimitiveTypeName.BOOLEAN;
            default -> PrimitiveTypeName.BINARY;
        };
    }

    @Override
    public void write(List<Object> row) throws IOException {
        Group group = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.get(i);
            if (value instanceof Collection<?> values) {
                for (Object v : values) {
                    add(group, i, v);
                }
            } else {
                add(group, i, value);
            }
        }
        writer.write(group);
    }

    private void add(Group group, int field, Object value) {
        if (value == null) {
            return;
        }
        switch (kinds.get(field)) {
            case INT32 -> {
                if (value instanceof Number n) {
                    group.add(field, n.intValue());
                } else {
                    group.add(field, Integer.parseInt(value.toString()));
                }
            }
            case INT64 -> group.add(
                    field, value instanceof Number n ? n.longValue() : Long.parseLong(value.toString()));
            case DOUBLE -> group.add(
                    field,
                    value instanceof Number n ? n.doubleValue() : new BigDecimal(value.toString()).doubleValue());
            case BOOLEAN -> group.add(field, value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString()));
            default -> group.add(field, org.exotrial.views.RowWriter.text(value));
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
