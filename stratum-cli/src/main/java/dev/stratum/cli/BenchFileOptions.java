package dev.stratum.cli;

import picocli.CommandLine.Option;

/** Options every bench over labelled files shares: which columns hold the text and the label, and how much to log. */
final class BenchFileOptions {
    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = "--label-col", paramLabel = "NAME",
            description = "The label column or field. Default: the first of label, category, intent")
    String labelColumn;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    /** Sets the log level these options ask for. */
    void configureLogging() {
        Logging.configure(verbose ? "info" : "warn");
    }
}
