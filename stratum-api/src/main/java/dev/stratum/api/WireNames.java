package dev.stratum.api;

import java.util.Arrays;
import java.util.Locale;

/** How Stratum's enums appear on the wire: lower-case names, read back case-insensitively with a helpful error. */
public final class WireNames {
    private WireNames() {}

    /** The wire name of a constant: its name in lower case. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant whose wire name is {@code value}, ignoring case and surrounding blanks.
     *
     * @param code the error code when there is none
     * @param what how the error names the value, for example {@code "task kind"}
     */
    public static <E extends Enum<E>> E parse(E[] values, String value, String code, String what) {
        String wanted = value == null ? "" : value.strip();
        for (E constant : values) {
            if (of(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new InvalidRequestException(code, what + " '" + value + "' is not known; use one of "
                + Arrays.stream(values).map(WireNames::of).toList());
    }
}
