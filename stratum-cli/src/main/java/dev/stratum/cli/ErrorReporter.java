package dev.stratum.cli;

import dev.stratum.api.StratumException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns errors into one line on stderr: a command line that cannot be parsed gives exit code 2 and a pointer to the
 * command's help; an exception thrown while a command runs gives exit code 1, with the stack trace only under
 * {@code --verbose}: Stratum's messages already say what went wrong and how to fix it.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        // Some of picocli's messages carry their own "Error: " prefix.
        err.println("error: " + e.getMessage().replaceFirst("^Error: ", ""));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see: " + command.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return Main.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("error: " + describe(e));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        } else if (!(e instanceof StratumException)) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return Main.EXIT_FAILED;
    }

    /** The one line shown for {@code e}: Stratum's own message, or the cause named plainly. */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof StratumException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "file not found: " + t.getMessage() + "; check the path";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + t.getMessage();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }

    /** Whether {@code --verbose} was given on the command or any of its subcommands. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
