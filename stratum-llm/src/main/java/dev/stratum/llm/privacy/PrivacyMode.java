package dev.stratum.llm.privacy;

import dev.stratum.api.InvalidRequestException;
import java.util.Locale;

/** What happens to personal identifiers in a text bound for an external LLM provider; set per task. */
public enum PrivacyMode {
    /** Identifiers are replaced by placeholders before sending, and put back into the answer (the default). */
    REDACT,
    /** A text that contains any identifier is not sent: the call fails with {@link PiiRedactor#BLOCKED}. */
    BLOCK,
    /** Texts are sent as they are; for providers inside the customer's network. */
    ALLOW;

    /** Reads {@code redact}, {@code block} or {@code allow}, in any case; {@code setting} names it in the error. */
    public static PrivacyMode parse(String value, String setting) {
        if (value != null) {
            for (PrivacyMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
        }
        throw new InvalidRequestException("invalid_privacy_mode", setting + " is '" + value
                + "'; use redact (placeholders instead of identifiers), block (refuse texts with identifiers) or allow");
    }

    /** The lower-case name used in settings. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
