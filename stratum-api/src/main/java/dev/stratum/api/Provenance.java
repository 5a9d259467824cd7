package dev.stratum.api;

import java.util.List;
import java.util.Map;

/**
 * Where a trained model came from, enough to reproduce it.
 *
 * @param dataFingerprint SHA-256 over the exact (text, label) pairs it was trained on, in order
 * @param trigger what started the training: "api", "cli", "auto: 50 new examples", ...
 */
public record Provenance(
        String dataFingerprint,
        int exampleCount,
        List<String> encoderIds,
        Map<String, Object> hyperparameters,
        long seed,
        String codeVersion,
        String trigger) {
    public Provenance {
        encoderIds = List.copyOf(encoderIds);
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
