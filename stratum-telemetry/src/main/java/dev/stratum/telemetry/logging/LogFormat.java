package dev.stratum.telemetry.logging;

import java.util.Arrays;
import java.util.Locale;

/** How log lines are written. */
public enum LogFormat {
    /** One readable line per event: time, level, logger, message. */
    TEXT,
    /** One JSON object per line, with {@code mdc.trace_id} and {@code mdc.span_id} when a span was current. */
    JSON;

    /** Reads {@code text} or {@code json}, in any case. */
    public static LogFormat parse(String value) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("log format '" + value + "' is not known; use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
}
