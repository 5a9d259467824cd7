package dev.stratum.llm;

import java.util.Objects;

/** A worked example shown to the model before the real input: an input and the answer it should get. */
public record FewShot(String input, String output) {
    public FewShot {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }
}
