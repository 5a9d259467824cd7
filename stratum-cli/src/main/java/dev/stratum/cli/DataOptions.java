package dev.stratum.cli;

import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.StratumEngine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that work on a data directory: where it is, and how much to log. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory (store and index); created when missing. Default: ./${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    /**
     * Opens the engine on the data directory for a one-shot command. Background retraining is off: the process
     * ends when the command does, which would cut such training short; {@code stratum train} trains explicitly.
     */
    StratumEngine openForScript() {
        Logging.configure(verbose ? "info" : "warn");
        EngineConfig defaults = EngineConfig.defaults(dataDir);
        return StratumEngine.open(new EngineConfig(defaults.dataDir(), defaults.clock(), defaults.neighbours(),
                defaults.trainingSeed(), false));
    }
}
