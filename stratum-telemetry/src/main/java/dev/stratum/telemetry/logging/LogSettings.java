package dev.stratum.telemetry.logging;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to log, validated when built.
 *
 * @param level the root level: {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}
 * @param file the file to append to, or null for a standard stream
 * @param stdout with no file: standard output instead of standard error
 */
public record LogSettings(LogFormat format, String level, Path file, boolean stdout) {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    public LogSettings {
        Objects.requireNonNull(format, "format");
        level = level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("log level '" + level + "' is not known; use one of error, warn, info, "
                    + "debug, trace");
        }
    }

    /** Readable lines on standard error at {@code level}. */
    public static LogSettings text(String level) {
        return new LogSettings(LogFormat.TEXT, level, null, false);
    }
}
