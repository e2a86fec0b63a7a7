package org.exotrial.views.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SQL on FHIR v2 specification's own test suite (src/test/resources/sql-on-fhir-v2, copied unchanged), one
 * dynamic test per case. Rows are compared as the suite's runners do: as a multiset of JSON objects, numbers by value.
 */
class SqlOnFhirSuiteTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ViewCompiler COMPILER = new FhirPathViewCompiler(FHIR);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String R4 = "4.0.1";

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();

    @TestFactory
    Stream<DynamicNode> specificationSuite() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/sql-on-fhir-v2/tests").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(SqlOnFhirSuiteTest::file);
    }

    private static DynamicNode file(Path file) {
        JsonNode suite;
        try {
            suite = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = file.getFileName().toString();
        List<DynamicTest> cases = new ArrayList<>();
        for (JsonNode test : suite.get("tests")) {
            CASES.incrementAndGet();
            String title =
                    fileName.replace(".json", "") + "/" + test.get("title").asText();
            cases.add(DynamicTest.dynamicTest(title, () -> {
                run(suite, test, title);
                PASSED.incrementAndGet();
            }));
        }
        return DynamicContainer.dynamicContainer(fileName, cases);
    }

    private static void run(JsonNode suite, JsonNode test, String title) throws IOException {
        JsonNode versions = suite.get("fhirVersion");
        if (versions != null && !versions.toString().contains("\"" + R4 + "\"")) {
            skip("written for FHIR " + versions + ", not R4 (" + R4 + ")");
        }
        List<IBaseResource> resources = resources(suite.get("resources"));
        String view = test.get("view").toString();
        if (test.has("expectError")) {
            Throwable error = catchThrowable(() -> {
                CompiledView compiled = COMPILER.compile(view);
                for (IBaseResource r : resources) {
                    compiled.rows(r);
                }
            });
            assertThat(error)
                    .as(title + ": the view should be refused")
                    .isInstanceOfAny(InvalidViewException.class, ViewEvaluationException.class);
            return;
        }
        CompiledView compiled = COMPILER.compile(view);
        if (test.has("expectColumns")) {
            List<String> expected = new ArrayList<>();
            test.get("expectColumns").forEach(c -> expected.add(c.asText()));
            assertThat(compiled.columns().stream().map(ViewColumn::name).toList())
                    .as(title + ": columns")
                    .isEqualTo(expected);
        }
        if (test.has("expect")) {
            List<String> actual = new ArrayList<>();
            for (IBaseResource r : resources) {
                for (List<Object> row : compiled.rows(r)) {
                    actual.add(canonical(row(compiled.columns(), row)));
                }
            }
            List<String> expected = new ArrayList<>();
            test.get("expect").forEach(row -> expected.add(canonical(row)));
            assertThat(actual).as(title + ": rows").containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The suite's resources as R4; content R4 cannot hold (an R5-only element) makes the case not applicable. */
    private static List<IBaseResource> resources(JsonNode resources) {
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        List<IBaseResource> out = new ArrayList<>();
        for (JsonNode r : resources) {
            try {
                out.add(parser.parseResource(r.toString()));
            } catch (DataFormatException e) {
                skip("its resources are not valid R4: " + e.getMessage());
            }
        }
        return out;
    }

    private static void skip(String why) {
        SKIPPED.incrementAndGet();
        Assumptions.abort("Not applicable to an R4 server: " + why);
    }

    private static ObjectNode row(List<ViewColumn> columns, List<Object> values) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            row.set(columns.get(i).name(), JSON.valueToTree(values.get(i)));
        }
        return row;
    }

    /** A JSON value as a string in which equal values are equal: keys sorted, numbers by value. */
    private static String canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return "n:" + d.toPlainString();
        }
        if (node.isBoolean()) {
            return "b:" + node.booleanValue();
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.textValue()).toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(i -> items.add(canonical(i)));
            return items.toString();
        }
        Map<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), canonical(e.getValue()));
        }
        return fields.toString();
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "SQL-on-FHIR v2 suite: %d of %d passed (%d skipped as not applicable to R4, %d failed)%n",
                PASSED.get(), CASES.get(), SKIPPED.get(), CASES.get() - PASSED.get() - SKIPPED.get());
    }
}
