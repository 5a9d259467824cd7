package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a validated example came from. */
public enum ExampleSource {
    IMPORT,
    FEEDBACK,
    API,
    /** A reviewer's answer to an item of the review queue. */
    REVIEW;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
