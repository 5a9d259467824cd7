package dev.stratum.api;

import java.util.Locale;

/** Formats of labelled-data files: CSV with a header row, or one JSON object per line. */
public enum ImportFormat {
    CSV,
    JSONL;

    /** Guesses the format from a file name or a content type; CSV unless it looks like JSON lines. */
    public static ImportFormat guess(String nameOrContentType) {
        String s = nameOrContentType == null ? "" : nameOrContentType.toLowerCase(Locale.ROOT);
        return s.endsWith(".jsonl") || s.endsWith(".ndjson") || s.contains("ndjson") || s.contains("jsonl")
                        || s.contains("json-lines") || s.contains("jsonlines")
                ? JSONL
                : CSV;
    }
}
