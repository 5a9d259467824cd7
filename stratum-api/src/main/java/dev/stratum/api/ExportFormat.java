package dev.stratum.api;

import java.util.Arrays;
import java.util.Locale;

/** How exported examples are written, one JSON object per line. */
public enum ExportFormat {
    /** {@code {"text": ..., "label": ...}}: a Hugging Face datasets JSON-lines file. */
    JSONL,
    /**
     * OpenAI's chat fine-tuning format: {@code {"messages": [system, user, assistant]}}, the system message naming the
     * task's labels, the user message the text and the assistant message the label.
     */
    OPENAI_CHAT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat parse(String value) {
        for (ExportFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return format;
            }
        }
        throw new InvalidRequestException("unknown_export_format", "export format '" + value + "' is not known; use"
                + " one of " + Arrays.stream(values()).map(ExportFormat::wireName).toList());
    }
}
