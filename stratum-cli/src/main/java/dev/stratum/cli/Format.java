package dev.stratum.cli;

import java.util.Locale;

/** Number formats of the command line's tables, fixed to one locale so scripts can parse them. */
final class Format {
    private Format() {}

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
