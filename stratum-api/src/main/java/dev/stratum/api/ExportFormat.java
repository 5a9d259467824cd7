package dev.stratum.api;

import java.util.Arrays;
import java.util.Locale;

/** How exported examples are written: JSON lines or CSV. */
public enum ExportFormat {
    /** {@code {"text": ..., "label": ...}}: a Hugging Face datasets JSON-lines file. */
    JSONL,
    /**
     * OpenAI's chat fine-tuning format: {@code {"messages": [system, user, assistant]}}, the system message naming the
     * task's labels, the user message the text and the assistant message the label.
     */
    OPENAI_CHAT,
    /** {@code text,label} with a header row, quoted as RFC 4180 says: a Hugging Face datasets CSV file. */
    CSV;

    /** The file name extension of this format. */
    public String extension() {
        return this == CSV ? "csv" : "jsonl";
    }

    /** The HTTP content type of this format. */
    public String contentType() {
        return this == CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
    }

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
