package dev.stratum.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** How a bench reports: its table on standard output, and its JSON in a file when one is asked for. */
final class BenchOutput {
    /** Writes a report as JSON to a file. */
    @FunctionalInterface
    interface JsonWriter {
        void write(Path file) throws IOException;
    }

    private BenchOutput() {}

    static void report(PrintWriter stdout, Consumer<PrintStream> table, Path out, JsonWriter json) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            table.accept(print);
        }
        stdout.print(buffer.toString(StandardCharsets.UTF_8));
        if (out != null) {
            json.write(out);
            stdout.println("results written to " + out);
        }
    }
}
