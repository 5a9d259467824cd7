package dev.stratum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratum.api.InvalidRequestException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputParserTest {
    private static final String INVOICE_SCHEMA = """
            {"type": "object",
             "properties": {"vendor": {"type": "string"}, "total": {"type": "number", "minimum": 0},
                            "currency": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}},
             "required": ["vendor", "total"]}""";
    private static final OutputParser INVOICE = new OutputParser(new OutputSpec(INVOICE_SCHEMA,
            Map.of("currency", List.of("EUR", "USD"), "/tags", List.of("food", "travel")),
            Map.of("vendor", "[A-Z][A-Za-z ]+")));

    private static String error(OutputParser.Result result) {
        assertThat(result).isInstanceOf(OutputParser.Result.Invalid.class);
        return ((OutputParser.Result.Invalid) result).error();
    }

    @Test
    void should_accept_valid_json() {
        OutputParser.Result result = INVOICE.parse("{\"vendor\": \"Acme\", \"total\": 12.5, \"currency\": \"EUR\"}");

        assertThat(result).isInstanceOfSatisfying(OutputParser.Result.Valid.class,
                v -> assertThat(v.value().get("total").asDouble()).isEqualTo(12.5));
    }

    @Test
    void should_tolerate_a_markdown_fence_around_the_json() {
        String fenced = "```json\n{\"vendor\": \"Acme\", \"total\": 3}\n```";

        assertThat(INVOICE.parse(fenced)).isInstanceOf(OutputParser.Result.Valid.class);
        assertThat(INVOICE.parse("  ```\n{\"vendor\": \"Acme\", \"total\": 3}```  "))
                .isInstanceOf(OutputParser.Result.Valid.class);
    }

    @Test
    void should_reject_malformed_json_saying_where() {
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": }")))
                .startsWith("the answer is not valid JSON: ")
                .contains("line 1, column");
    }

    @Test
    void should_reject_text_around_the_json() {
        assertThat(error(INVOICE.parse("Sure! {\"vendor\": \"Acme\", \"total\": 3}"))).contains("not valid JSON");
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": 3} Hope this helps")))
                .contains("not valid JSON");
    }

    @Test
    void should_reject_an_empty_answer() {
        assertThat(error(INVOICE.parse("   "))).isEqualTo("the answer is empty; answer with the JSON only");
        assertThat(error(INVOICE.parse(null))).contains("empty");
    }

    @Test
    void should_report_schema_violations_with_their_location() {
        String message = error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": -1}"));

        assertThat(message).contains("/total").contains("minimum");
        assertThat(error(INVOICE.parse("{\"total\": 1}"))).contains("at the top level: ").contains("vendor");
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": \"ten\"}"))).contains("/total");
    }

    @Test
    void should_enforce_allowed_values_per_field_and_per_array_element() {
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": 1, \"currency\": \"GBP\"}")))
                .contains("/currency: 'GBP' is not allowed; allowed values: EUR, USD");
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme\", \"total\": 1, \"tags\": [\"food\", \"toys\"]}")))
                .contains("/tags/1: 'toys' is not allowed");
    }

    @Test
    void should_enforce_a_pattern_on_the_whole_value() {
        assertThat(error(INVOICE.parse("{\"vendor\": \"acme\", \"total\": 1}")))
                .contains("/vendor: 'acme' does not match the pattern [A-Z][A-Za-z ]+");
        assertThat(error(INVOICE.parse("{\"vendor\": \"Acme 42\", \"total\": 1}"))).contains("/vendor");
    }

    @Test
    void should_accept_any_json_without_a_schema() {
        OutputParser any = new OutputParser(OutputSpec.ANY_JSON);

        assertThat(any.parse("[1, 2, 3]")).isInstanceOf(OutputParser.Result.Valid.class);
        assertThat(any.parse("\"text\"")).isInstanceOf(OutputParser.Result.Valid.class);
        assertThat(any.parse("text")).isInstanceOf(OutputParser.Result.Invalid.class);
    }

    @Test
    void should_reject_an_unusable_spec_when_it_is_built() {
        assertThatThrownBy(() -> OutputSpec.schema("{\"type\": "))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("output.json_schema is not valid JSON");
        assertThatThrownBy(() -> new OutputParser(OutputSpec.schema("{\"type\": \"text\"}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("output.json_schema is not a valid JSON Schema: at /type: ");
        assertThatThrownBy(() -> new OutputSpec(null, Map.of(), Map.of("code", "[A-Z")))
                .hasMessageContaining("output.patterns of field 'code' is not a regular expression");
        assertThatThrownBy(() -> new OutputSpec(null, Map.of("kind", List.of()), Map.of()))
                .hasMessageContaining("output.allowed_values of field 'kind' is empty");
    }

    @Test
    void should_not_fetch_remote_schemas() throws Exception {
        HttpServer schemaHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        schemaHost.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "{\"type\": \"object\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        schemaHost.start();
        try {
            String url = "http://127.0.0.1:" + schemaHost.getAddress().getPort() + "/invoice.json";
            OutputSpec remote = OutputSpec.schema("{\"$ref\": \"" + url + "\"}");

            assertThatThrownBy(() -> new OutputParser(remote))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("output.json_schema");
            assertThat(fetches).hasValue(0);
        } finally {
            schemaHost.stop(0);
        }
    }
}
