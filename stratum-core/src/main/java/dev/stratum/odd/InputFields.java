package dev.stratum.odd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/** Checks an input against the fields its task's policy requires ({@code input.required_fields}). */
public final class InputFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFields() {}

    /**
     * Why {@code text} lacks a required field, in words an application can show, or null when it has them all (or
     * none is required).
     */
    public static String missing(String text, List<String> required) {
        if (required.isEmpty()) {
            return null;
        }
        JsonNode input;
        try {
            input = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            return "this task's policy expects a JSON object with the fields " + String.join(", ", required)
                    + "; the input is not a JSON object";
        }
        JsonNode object = input;
        List<String> absent = required.stream().filter(f -> empty(object.get(f))).toList();
        if (absent.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "the input lacks %s %s, which this task's policy requires",
                absent.size() == 1 ? "the field" : "the fields", String.join(", ", absent));
    }

    private static boolean empty(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())
                || (value.isContainerNode() && value.isEmpty());
    }
}
