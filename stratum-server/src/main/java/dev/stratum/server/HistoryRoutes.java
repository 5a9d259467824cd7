package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task over time, for the console's charts: {@code GET /v1/tasks/{task}/stats/history?bucket=1h&buckets=48}
 * (or {@code from} and {@code to} as ISO instants). Without {@code to}, the span ends with the bucket that holds now;
 * bucket boundaries are whole multiples of the bucket since the epoch, so charts drawn a minute apart line up.
 */
final class HistoryRoutes {
    static final Duration DEFAULT_BUCKET = Duration.ofHours(1);
    static final int DEFAULT_BUCKETS = 48;
    private static final Pattern BUCKET = Pattern.compile("(\\d{1,6})([smhd])");

    private final StratumService service;
    private final Clock clock;

    HistoryRoutes(StratumService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/stats/history", this::history);
    }

    private void history(Context ctx) {
        Duration bucket = bucket(ctx.queryParam("bucket"));
        long width = bucket.toMillis();
        Instant to = instant(ctx, "to");
        if (to == null) {
            long now = clock.millis();
            to = Instant.ofEpochMilli((now / width + 1) * width);
        }
        Instant from = instant(ctx, "from");
        if (from == null) {
            int count = QueryParams.integer(ctx, "buckets", DEFAULT_BUCKETS, 1, 1000);
            from = to.minus(bucket.multipliedBy(count));
        }
        ctx.json(service.history(ctx.pathParam("task"), from, to, bucket));
    }

    /** A bucket such as 30s, 15m, 1h or 1d; one hour when absent. */
    static Duration bucket(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_BUCKET;
        }
        Matcher m = BUCKET.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidRequestException("invalid_query", "bucket '" + JsonBodies.shorten(value) + "' is not a"
                    + " length of time; use a whole number and a unit, for example 15m, 1h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid_query", name + " '" + JsonBodies.shorten(value) + "' is not an"
                    + " ISO-8601 instant such as 2026-03-04T05:00:00Z", e);
        }
    }
}
