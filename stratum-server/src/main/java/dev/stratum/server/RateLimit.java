package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import java.util.Map;

/**
 * How many requests one API key may send: a token bucket that holds {@code burst} requests and refills at
 * {@code perSecond}. A {@code perSecond} of 0 means no limit.
 *
 * @param perSecond the sustained rate per key, in requests per second; 0 turns limiting off
 * @param burst the most requests a key may send at once after being idle; at least 1 when limiting
 */
public record RateLimit(double perSecond, int burst) {
    /** The environment variable with the sustained rate per key ({@code 0} or {@code off}: no limit). */
    public static final String RATE_ENV = "STRATUM_RATE_LIMIT";
    /** The environment variable with the burst per key. */
    public static final String BURST_ENV = "STRATUM_RATE_BURST";
    /** No limit: what an embedded server gets unless told otherwise. */
    public static final RateLimit UNLIMITED = new RateLimit(0, 0);
    /** What {@code stratum serve} applies by default: 100 requests per second per key, bursts of 200. */
    public static final RateLimit SERVE_DEFAULT = new RateLimit(100, 200);

    public RateLimit {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw invalid(RATE_ENV + " " + perSecond + " is not a rate; give requests per second per API key, for "
                    + "example 100, or 0 for no limit");
        }
        if (perSecond > 0 && burst < 1) {
            throw invalid(BURST_ENV + " " + burst + " is below 1; a key must be able to send at least one request "
                    + "(default " + SERVE_DEFAULT.burst() + ")");
        }
    }

    /** Whether requests are limited at all. */
    public boolean limited() {
        return perSecond > 0;
    }

    /** Reads {@value #RATE_ENV} and {@value #BURST_ENV}; unset ones take {@code defaults}' values. */
    public static RateLimit fromEnvironment(Map<String, String> env, RateLimit defaults) {
        String rate = env.getOrDefault(RATE_ENV, "").strip();
        String burst = env.getOrDefault(BURST_ENV, "").strip();
        double perSecond = defaults.perSecond();
        if (rate.equalsIgnoreCase("off")) {
            perSecond = 0;
        } else if (!rate.isEmpty()) {
            perSecond = number(RATE_ENV, rate);
        }
        int size = burst.isEmpty() ? Math.max(defaults.burst(), (int) Math.ceil(perSecond)) : (int) number(BURST_ENV, burst);
        return perSecond == 0 ? UNLIMITED : new RateLimit(perSecond, size);
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " '" + value + "' is not a number; give requests per second (" + RATE_ENV + ", 0 or "
                    + "off for no limit) or a count (" + BURST_ENV + ")");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_server_config", message);
    }
}
