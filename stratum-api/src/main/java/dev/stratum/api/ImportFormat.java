package dev.stratum.api;

import java.util.Locale;

/**
 * Formats of data files: CSV with a header row, one JSON object per line, or plain lines (one text per line, for
 * unlabelled texts only).
 */
public enum ImportFormat {
    CSV,
    JSONL,
    LINES;

    /**
     * Guesses the format from a file name or a content type: plain lines for .txt and text/plain, JSON lines when it
     * looks like them, else CSV.
     */
    public static ImportFormat guess(String nameOrContentType) {
        String s = nameOrContentType == null ? "" : nameOrContentType.toLowerCase(Locale.ROOT);
        if (s.endsWith(".txt") || s.startsWith("text/plain")) {
            return LINES;
        }
        return s.endsWith(".jsonl") || s.endsWith(".ndjson") || s.contains("ndjson") || s.contains("jsonl")
                        || s.contains("json-lines") || s.contains("jsonlines")
                ? JSONL
                : CSV;
    }
}
