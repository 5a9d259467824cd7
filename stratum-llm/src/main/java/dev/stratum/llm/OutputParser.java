package dev.stratum.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.stratum.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a generative answer as JSON and checks it against an {@link OutputSpec}. The answer may be wrapped in a
 * Markdown code fence ({@code ```json ... ```}), as chat models often do; anything else around the JSON makes it
 * invalid. An invalid answer's error is written for the model to read, since it is sent back with the question.
 * Thread-safe.
 */
public final class OutputParser {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("^```[A-Za-z0-9_-]*[ \\t]*\\R(.*?)\\R?```$", Pattern.DOTALL);
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final int MAX_ERRORS = 5;
    private static final int MAX_LISTED_VALUES = 20;

    private final OutputSpec spec;
    private final Schema schema;
    private final Map<String, Pattern> patterns;

    /** The outcome of parsing one answer. */
    public sealed interface Result {
        /** The answer is JSON that meets the spec. */
        record Valid(JsonNode value) implements Result {}

        /** The answer is not JSON, or breaks the schema or a rule; {@code error} says where and how. */
        record Invalid(String error) implements Result {}
    }

    /** Compiles the spec's schema; an invalid schema is an {@link InvalidRequestException} naming the problem. */
    public OutputParser(OutputSpec spec) {
        this.spec = spec;
        this.schema = spec.jsonSchema() == null ? null : compile(spec.jsonSchema());
        this.patterns = spec.patterns().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        e -> OutputSpec.pointer(e.getKey()), e -> Pattern.compile(e.getValue())));
    }

    public OutputSpec spec() {
        return spec;
    }

    public Result parse(String answer) {
        String text = unfence(answer == null ? "" : answer.strip());
        if (text.isEmpty()) {
            return new Result.Invalid("the answer is empty; answer with the JSON only");
        }
        JsonNode value;
        try {
            value = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            return new Result.Invalid("the answer is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; answer with the JSON only, without any other text");
        }
        List<String> errors = new ArrayList<>();
        if (schema != null) {
            for (Error error : schema.validate(value.toString(), InputFormat.JSON)) {
                errors.add(describe(error));
            }
        }
        spec.allowedValues().forEach((field, allowed) -> eachValue(value, field, (where, v) -> {
            if (!allowed.contains(v)) {
                errors.add("at " + where + ": '" + v + "' is not allowed; allowed values: " + list(allowed));
            }
        }));
        patterns.forEach((pointer, pattern) -> eachValue(value, pointer, (where, v) -> {
            if (!pattern.matcher(v).matches()) {
                errors.add("at " + where + ": '" + v + "' does not match the pattern " + pattern.pattern());
            }
        }));
        if (errors.isEmpty()) {
            return new Result.Valid(value);
        }
        String shown = String.join("; ", errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
        return new Result.Invalid("the answer does not meet the required format: " + shown
                + (errors.size() > MAX_ERRORS ? "; and " + (errors.size() - MAX_ERRORS) + " more errors" : ""));
    }

    /** The text inside a Markdown code fence that spans the whole answer, or the answer itself. */
    static String unfence(String answer) {
        Matcher m = FENCE.matcher(answer);
        return m.matches() ? m.group(1).strip() : answer;
    }

    private interface FieldCheck {
        void check(String where, String value);
    }

    private static void eachValue(JsonNode root, String field, FieldCheck check) {
        String pointer = OutputSpec.pointer(field);
        JsonNode node = root.at(pointer);
        if (node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check.check(pointer + "/" + i, text(node.get(i)));
            }
        } else {
            check.check(pointer, text(node));
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String list(List<String> values) {
        return values.size() <= MAX_LISTED_VALUES
                ? String.join(", ", values)
                : String.join(", ", values.subList(0, MAX_LISTED_VALUES)) + ", ... (" + values.size() + " in all)";
    }

    private static Schema compile(String jsonSchema) {
        // Remote $refs are not fetched: validating an answer must not make the server call out to arbitrary URLs.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
        try {
            String dialect = JSON.readTree(jsonSchema).path("$schema").asText(DRAFT_2020_12);
            List<String> problems = registry.getSchema(SchemaLocation.of(dialect))
                    .validate(jsonSchema, InputFormat.JSON).stream().map(OutputParser::describe).toList();
            if (!problems.isEmpty()) {
                throw new InvalidRequestException("invalid_output_spec", "output.json_schema is not a valid JSON Schema: "
                        + String.join("; ", problems.subList(0, Math.min(MAX_ERRORS, problems.size()))));
            }
            Schema compiled = registry.getSchema(jsonSchema, InputFormat.JSON);
            compiled.initializeValidators();
            return compiled;
        } catch (SchemaException | IllegalArgumentException | JsonProcessingException e) {
            throw new InvalidRequestException("invalid_output_spec",
                    "output.json_schema is not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    private static String describe(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "at the top level" : "at " + at) + ": " + error.getMessage();
    }
}
