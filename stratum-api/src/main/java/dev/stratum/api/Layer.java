package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The model layer that produced an answer. */
public enum Layer {
    /** A foundation model trained on public data (by default a local sentence encoder, zero-shot). */
    GENERAL,
    /** A model for a narrower domain. */
    SPECIFIC,
    /** A model trained on the task's own validated examples. */
    HYPERLOCAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
