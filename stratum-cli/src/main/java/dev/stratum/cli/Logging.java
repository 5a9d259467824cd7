package dev.stratum.cli;

import dev.stratum.telemetry.logging.LogFormat;
import dev.stratum.telemetry.logging.LogSettings;
import dev.stratum.telemetry.logging.LogSetup;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures logging when a command starts: Logback, readable lines on stderr by default so that stdout carries only
 * the command's output, at a level chosen by the command ({@code -v} raises it). {@code --log-format json} (or
 * {@code STRATUM_LOG_FORMAT=json}) writes one JSON object per line with trace and span ids instead; {@code --log-file
 * FILE} (or {@code STRATUM_LOG_FILE}) appends to a file, {@code -} meaning stdout. {@code STRATUM_LOG_LEVEL} overrides
 * the command's level. Lucene's java.util.logging output follows the level.
 */
final class Logging {
    static final String FORMAT_ENV = "STRATUM_LOG_FORMAT";
    static final String FILE_ENV = "STRATUM_LOG_FILE";
    static final String LEVEL_ENV = "STRATUM_LOG_LEVEL";
    /** Held here because java.util.logging keeps loggers only weakly, and would forget the level set on it. */
    private static final Logger LUCENE = Logger.getLogger("org.apache.lucene");
    private static volatile LogFormat format;
    private static volatile String file;

    private Logging() {}

    /** The format chosen on the command line; null leaves it to the environment. */
    static void format(LogFormat value) {
        format = value;
    }

    /** The destination chosen on the command line: a file, or {@code -} for stdout; null leaves it to the environment. */
    static void file(String value) {
        file = value;
    }

    static void configure(String defaultLevel) {
        String override = System.getenv(LEVEL_ENV);
        String level = override == null || override.isBlank() ? defaultLevel : override;
        LogFormat chosen = format != null ? format : fromEnv();
        String destination = file != null ? file : System.getenv(FILE_ENV);
        boolean stdout = "-".equals(destination);
        Path path = destination == null || destination.isBlank() || stdout ? null : Path.of(destination);
        LogSetup.configure(new LogSettings(chosen, level, path, stdout));
        if (level.equalsIgnoreCase("warn") || level.equalsIgnoreCase("error")) {
            LUCENE.setLevel(Level.WARNING);
        }
    }

    private static LogFormat fromEnv() {
        String value = System.getenv(FORMAT_ENV);
        return value == null || value.isBlank() ? LogFormat.TEXT : LogFormat.parse(value);
    }
}
