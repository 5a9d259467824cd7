package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What answers a classification task when its hyperlocal layer does not. */
public enum GeneralLayer {
    /** The local sentence encoder, zero-shot over the labels' names and descriptions: nothing leaves the machine. */
    LOCAL,
    /**
     * The configured language model, with the taxonomy and the most similar validated examples in the prompt; the
     * local layer answers when it abstains or cannot be reached.
     */
    LLM;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static GeneralLayer parse(String value) {
        return WireNames.parse(values(), value, "invalid_settings", "general_layer");
    }
}
