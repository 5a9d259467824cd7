package dev.stratum.cli;

import dev.stratum.telemetry.logging.LogFormat;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratum} command: parses the arguments, runs one subcommand and turns the outcome into an exit code
 * (0 done, 1 failed while running, 2 the arguments were wrong).
 */
@Command(
        name = "stratum",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted GenAI Ops: general, specific and hyperlocal models behind one API.",
        subcommands = {
            ServeCommand.class,
            TasksCommand.class,
            ImportCommand.class,
            PredictCommand.class,
            TrainCommand.class,
            ModelsCommand.class,
            AuditCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code of a command that failed while running. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--log-format", paramLabel = "text|json", scope = CommandLine.ScopeType.INHERIT,
            description = "Log lines as readable text or as JSON with trace ids. Default: $" + Logging.FORMAT_ENV
                    + ", else text.")
    void logFormat(String value) {
        try {
            Logging.format(LogFormat.parse(value));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @CommandLine.Option(names = "--log-file", paramLabel = "FILE|-", scope = CommandLine.ScopeType.INHERIT,
            description = "Append logs to FILE, or write them to stdout with '-'. Default: $" + Logging.FILE_ENV
                    + ", else stderr.")
    void logFile(String value) {
        Logging.file(value);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the command line {@code args}, writing to {@code out} and {@code err}, and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine cli = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is missing; use one of: " + String.join(", ", spec.subcommands().keySet()));
    }
}
