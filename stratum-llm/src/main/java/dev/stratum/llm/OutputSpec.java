package dev.stratum.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a generative answer must be: JSON, valid against {@code jsonSchema} when one is given, and meeting the output
 * rules per field. A field is named by a JSON Pointer ({@code /address/country}) or, for a top-level property, by its
 * name ({@code country}); when the field holds an array, each element must meet the rule. A field that is absent
 * meets every rule: whether it is required is the schema's business.
 *
 * @param jsonSchema a JSON Schema (draft 2020-12 unless it names another in {@code $schema}), or null for any JSON
 * @param allowedValues per field, the only values it may take (compared as text)
 * @param patterns per field, a regular expression (Java syntax) that the whole value must match
 */
public record OutputSpec(String jsonSchema, Map<String, List<String>> allowedValues, Map<String, String> patterns) {
    /** Any well-formed JSON. */
    public static final OutputSpec ANY_JSON = new OutputSpec(null, Map.of(), Map.of());

    public OutputSpec {
        jsonSchema = jsonSchema == null || jsonSchema.isBlank() ? null : jsonSchema.strip();
        if (jsonSchema != null) {
            try {
                new ObjectMapper().readTree(jsonSchema);
            } catch (JsonProcessingException e) {
                throw invalid("output.json_schema is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        allowedValues = copy(allowedValues == null ? Map.of() : allowedValues);
        allowedValues.forEach((field, values) -> {
            pointer(field);
            if (values == null || values.isEmpty()) {
                throw invalid("output.allowed_values of field '" + field + "' is empty; list at least one value or"
                        + " remove the field", null);
            }
        });
        patterns = Map.copyOf(patterns == null ? Map.of() : patterns);
        patterns.forEach((field, regex) -> {
            pointer(field);
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException | NullPointerException e) {
                throw invalid("output.patterns of field '" + field + "' is not a regular expression: "
                        + (e instanceof PatternSyntaxException p ? p.getDescription() : "it is null"), e);
            }
        });
    }

    /** Only a JSON Schema, no further rules. */
    public static OutputSpec schema(String jsonSchema) {
        return new OutputSpec(jsonSchema, Map.of(), Map.of());
    }

    /** The JSON Pointer a field name stands for. */
    static String pointer(String field) {
        if (field == null || field.isBlank()) {
            throw invalid("an output rule names an empty field; use a property name or a JSON Pointer like /a/b", null);
        }
        return field.startsWith("/") ? field : "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((field, values) -> copy.put(field, values == null ? null : List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static InvalidRequestException invalid(String message, Throwable cause) {
        return new InvalidRequestException("invalid_output_spec", message, cause);
    }
}
