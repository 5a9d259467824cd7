package dev.stratum.llm;

import dev.stratum.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned conversation shape for generative tasks. The system message holds the task's instructions and the
 * required output format; each few-shot example follows as a user turn and the assistant's answer; the input comes
 * last, as its own user turn, so nothing in it is read as a placeholder. When an answer is invalid, the
 * {@code correction} turn sends the error back; when another candidate is wanted, the {@code alternative} turn asks
 * for a different answer. A changed wording is a new {@link #version()}, and every generation records {@link #id()}.
 *
 * @param system with the placeholders <code>{{instructions}}</code> and <code>{{output_format}}</code>
 * @param correction with the placeholder <code>{{error}}</code>
 */
public record PromptTemplate(String name, int version, String system, String correction, String alternative) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** The template for generation tasks. */
    public static final PromptTemplate GENERATE = new PromptTemplate("generate", 1, """
            {{instructions}}

            {{output_format}}
            Answer with the JSON only: no explanation, no text before or after it.""",
            "Your answer cannot be used: {{error}}. Answer again, with the corrected JSON only.",
            "Give another answer to the same input that is different from your previous ones, with the JSON only.");

    /** The template for classification with a taxonomy. */
    public static final PromptTemplate CLASSIFY = new PromptTemplate("classify", 1, """
            {{instructions}}

            {{output_format}}
            Answer with the JSON only: no explanation, no text before or after it.""",
            "Your answer cannot be used: {{error}}. Answer again with one of the labels listed, as JSON only.",
            "Give another label for the same text, different from your previous ones, as JSON only.");

    public PromptTemplate {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw invalid("prompt template name '" + name + "' is not valid; use lower-case letters, digits, '-', '_'");
        }
        if (version < 1) {
            throw invalid("prompt template '" + name + "' has version " + version + "; versions count from 1");
        }
        requireOnly(name, "system", system, List.of("instructions", "output_format"));
        requireOnly(name, "correction", correction, List.of("error"));
        requireOnly(name, "alternative", alternative, List.of());
        if (!correction.contains("{{error}}")) {
            throw invalid("prompt template '" + name + "': the correction must contain {{error}}, or the model never"
                    + " learns what was wrong");
        }
    }

    /** The name and version, for example {@code generate/v1}. */
    public String id() {
        return name + "/v" + version;
    }

    /** The opening conversation for {@code input}. */
    public List<ChatTurn> render(String instructions, OutputSpec output, List<FewShot> examples, String input) {
        List<ChatTurn> turns = new ArrayList<>();
        turns.add(ChatTurn.system(fill(system, Map.of(
                "instructions", instructions == null ? "" : instructions.strip(),
                "output_format", outputFormat(output)))));
        for (FewShot example : examples) {
            turns.add(ChatTurn.user(example.input()));
            turns.add(ChatTurn.assistant(example.output()));
        }
        turns.add(ChatTurn.user(input));
        return turns;
    }

    public ChatTurn correctionTurn(String error) {
        return ChatTurn.user(fill(correction, Map.of("error", error)));
    }

    public ChatTurn alternativeTurn() {
        return ChatTurn.user(alternative);
    }

    private static String outputFormat(OutputSpec output) {
        StringBuilder text = new StringBuilder();
        if (output.jsonSchema() == null) {
            text.append("Answer with a JSON value.\n");
        } else {
            text.append("Answer with a JSON value that is valid against this JSON Schema:\n")
                    .append(output.jsonSchema()).append('\n');
        }
        output.allowedValues().forEach((field, values) -> text.append("The field ").append(OutputSpec.pointer(field))
                .append(" must be one of: ").append(String.join(", ", values)).append(".\n"));
        output.patterns().forEach((field, regex) -> text.append("The field ").append(OutputSpec.pointer(field))
                .append(" must match the regular expression ").append(regex).append(".\n"));
        return text.toString().strip();
    }

    /** Replaces every placeholder in one pass, so a value that contains a placeholder is left as it is. */
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static void requireOnly(String name, String part, String text, List<String> known) {
        if (text == null || text.isBlank()) {
            throw invalid("prompt template '" + name + "' has an empty " + part);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw invalid("prompt template '" + name + "': the " + part + " uses the placeholder {{" + m.group(1)
                        + "}}, which is not known there; it may use " + (known.isEmpty() ? "none" : known));
            }
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_prompt_template", message);
    }
}
