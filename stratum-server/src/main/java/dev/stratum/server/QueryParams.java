package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import io.javalin.http.Context;
import java.util.Locale;

/** Strict readers of query parameters: a value that is present but not understood is a 400, never a default. */
final class QueryParams {
    private QueryParams() {}

    static boolean bool(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidRequestException("invalid_query_parameter", "query parameter '" + name
                    + "' is '" + JsonBodies.shorten(value) + "'; use " + name + "=true or " + name + "=false");
        };
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new InvalidRequestException("invalid_query_parameter", "query parameter '" + name + "' is '"
                + JsonBodies.shorten(value) + "'; use a whole number from " + min + " to " + max);
    }
}
