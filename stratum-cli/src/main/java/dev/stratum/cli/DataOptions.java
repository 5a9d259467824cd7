package dev.stratum.cli;

import dev.stratum.api.audit.Actor;
import dev.stratum.llm.LlmConfig;
import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.StratumEngine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that work on a data directory: where it is, the database, how much to log. */
final class DataOptions {
    /** Who a command acts as, in model histories and the audit log. */
    static final String ACTOR = "cli: " + System.getProperty("user.name", "unknown");

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory (store and index); created when missing. Default: ./${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:" + EngineConfig.DB_URL_ENV + "}",
            description = {"Shared database instead of SQLite in the data directory, e.g.",
                "jdbc:postgresql://host:5432/stratum (user and password from the URL or STRATUM_DB_USER /",
                "STRATUM_DB_PASSWORD). Default: $" + EngineConfig.DB_URL_ENV + ", else SQLite."})
    String dbUrl;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "${env:STRATUM_ENCODER}",
            description = {"The sentence encoder every layer embeds with: specific (bge-small-en-v1.5, the default),",
                "general (all-MiniLM-L6-v2, faster, less accurate) or general+specific. Changing it retrains each",
                "task's model. Default: $STRATUM_ENCODER, else specific."})
    String encoder;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    /**
     * Opens the engine on the data directory for a one-shot command. Background retraining is off: the process
     * ends when the command does, which would cut such training short; {@code stratum train} trains explicitly.
     */
    StratumEngine openForScript() {
        Logging.configure(verbose ? "info" : "warn");
        Actor.set(ACTOR);
        return StratumEngine.open(engineConfig().withAutoTrain(false));
    }

    /** The engine's configuration for these options. */
    EngineConfig engineConfig() {
        return EngineConfig.defaults(dataDir).withDbUrl(dbUrl).withEncoder(encoder)
                .withLlm(LlmConfig.fromEnvironment(System.getenv()).orElse(null));
    }
}
