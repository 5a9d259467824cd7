package dev.stratum.orchestration;

import dev.stratum.llm.LlmConfig;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link StratumEngine} runs, validated once at start-up.
 *
 * @param dataDir where the nearest-neighbour index lives, and the SQLite store unless {@code dbUrl} names another
 * @param neighbours how many nearest validated examples the hyperlocal memory consults per prediction
 * @param trainingSeed the seed of every training run, recorded in each model's provenance
 * @param autoTrain whether the engine retrains in the background after a task's {@code retrain_every} new examples
 * @param dbUrl the shared database ({@code jdbc:postgresql://...}), or null for SQLite in the data directory
 * @param llm the language model behind generation tasks (an OpenAI-compatible API), or null for none: local only
 * @param encoder the sentence encoder every layer embeds with, by {@link LayeredEncoders} name (default
 *     {@link LayeredEncoders#DEFAULT}); a model trained on another encoder is not served, and is retrained
 */
public record EngineConfig(
        Path dataDir, Clock clock, int neighbours, long trainingSeed, boolean autoTrain, String dbUrl,
        String encoder, LlmConfig llm) {
    /** The name of the environment variable that names the database when no option does. */
    public static final String DB_URL_ENV = "STRATUM_DB_URL";

    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        if (neighbours < 1 || neighbours > 100) {
            throw new IllegalArgumentException("neighbours must be between 1 and 100, got " + neighbours);
        }
        dbUrl = dbUrl == null || dbUrl.isBlank() ? null : dbUrl.strip();
        encoder = encoder == null || encoder.isBlank() ? LayeredEncoders.DEFAULT : encoder.strip();
        if (!LayeredEncoders.NAMES.contains(encoder)) {
            throw new IllegalArgumentException("encoder '" + encoder + "' is not known; use one of "
                    + String.join(", ", LayeredEncoders.NAMES));
        }
    }

    /** A configuration on the embedded SQLite store. */
    public EngineConfig(Path dataDir, Clock clock, int neighbours, long trainingSeed, boolean autoTrain) {
        this(dataDir, clock, neighbours, trainingSeed, autoTrain, null, null, null);
    }

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, Clock.systemUTC(), 10, 42L, true, null, null, null);
    }

    public EngineConfig withDbUrl(String url) {
        return new EngineConfig(dataDir, clock, neighbours, trainingSeed, autoTrain, url, encoder, llm);
    }

    public EngineConfig withAutoTrain(boolean value) {
        return new EngineConfig(dataDir, clock, neighbours, trainingSeed, value, dbUrl, encoder, llm);
    }

    public EngineConfig withEncoder(String name) {
        return new EngineConfig(dataDir, clock, neighbours, trainingSeed, autoTrain, dbUrl, name, llm);
    }

    public EngineConfig withLlm(LlmConfig value) {
        return new EngineConfig(dataDir, clock, neighbours, trainingSeed, autoTrain, dbUrl, encoder, value);
    }

    /** Hides the password of a database URL such as {@code postgres://user:secret@host/db}. */
    @Override
    public String toString() {
        String masked = dbUrl == null ? "sqlite" : dbUrl.replaceAll("(//[^:/@]+:)[^@]*@", "$1****@")
                .replaceAll("(?i)(password=)[^&]*", "$1****");
        return "EngineConfig[dataDir=" + dataDir + ", neighbours=" + neighbours + ", trainingSeed=" + trainingSeed
                + ", autoTrain=" + autoTrain + ", db=" + masked + ", encoder=" + encoder + ", llm=" + (llm == null ? "none" : llm)
                + "]";
    }
}
