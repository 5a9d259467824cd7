package dev.stratum.orchestration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link StratumEngine} runs, validated once at start-up.
 *
 * @param dataDir where the store and the nearest-neighbour index live
 * @param neighbours how many nearest validated examples the hyperlocal memory consults per prediction
 * @param trainingSeed the seed of every training run, recorded in each model's provenance
 * @param autoTrain whether the engine retrains in the background after a task's {@code retrain_every} new examples
 */
public record EngineConfig(Path dataDir, Clock clock, int neighbours, long trainingSeed, boolean autoTrain) {
    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        if (neighbours < 1 || neighbours > 100) {
            throw new IllegalArgumentException("neighbours must be between 1 and 100, got " + neighbours);
        }
    }

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, Clock.systemUTC(), 10, 42L, true);
    }
}
