package dev.stratum.api.odd;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A rule of an {@link OddPolicy} that a prediction can break; its wire name is what responses report. */
public enum OddRule {
    /** The input is longer than the policy allows. */
    INPUT_TOO_LONG,
    /** The input is not a JSON object with every field the policy requires. */
    MISSING_FIELDS,
    /** The input looks unlike the task's validated examples, or like inputs people rejected as out of scope. */
    OUT_OF_DOMAIN,
    /** The model's label is not in the task's taxonomy. */
    LABEL_NOT_IN_TAXONOMY,
    /** A generated output failed the JSON Schema or the output rules, after every re-ask. */
    OUTPUT_INVALID,
    /** The language model's provider could not answer in time (down, overloaded, or the circuit is open). */
    PROVIDER_UNAVAILABLE,
    /** The conformal prediction set at the policy's coverage holds several labels, or the task is not calibrated. */
    LOW_CONFIDENCE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OddRule parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
