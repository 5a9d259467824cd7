package dev.stratum.llm.privacy;

/**
 * One identifier found in a text: its kind and where it is, {@code start} inclusive and {@code end} exclusive. A
 * {@code lookalike} has the shape of a checked identifier but fails its check; it is never redacted, but it keeps the
 * weaker patterns from finding, say, a phone number inside a mistyped card number.
 */
record Found(PiiKind kind, int start, int end, String value, boolean lookalike) {
    Found(PiiKind kind, int start, int end, String value) {
        this(kind, start, end, value, false);
    }

    boolean overlaps(Found other) {
        return start < other.end && other.start < end;
    }
}
