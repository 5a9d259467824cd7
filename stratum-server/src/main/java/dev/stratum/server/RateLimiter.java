package dev.stratum.server;

import dev.stratum.api.store.ApiKey;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Applies a {@link RateLimit} per API key, after authentication: each key has a token bucket, each request takes a
 * token, and a request that finds none gets 429 with {@code Retry-After} (whole seconds until a token is back).
 * Public routes (health, readiness, metrics) are not limited; they carry no key.
 */
final class RateLimiter {
    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Runs after {@link Authenticator#check}: takes a token for the request's key, or refuses it. */
    void check(Context ctx) {
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        if (key == null || !limit.limited()) {
            return;
        }
        long waitNanos = take(key.id());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ApiProblem(429, "rate_limited", "API key '" + key.name() + "' sent more than "
                    + describe(limit.perSecond()) + " requests per second (bursts up to " + limit.burst() + "); retry "
                    + "after " + seconds + " s, send several texts per batch request, or ask the operator to raise "
                    + RateLimit.RATE_ENV, Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** Takes a token of {@code keyId}'s bucket and returns 0, or returns the nanoseconds until one is back. */
    long take(String keyId) {
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(keyId, id -> new Bucket(limit.burst(), now)).take(limit, now);
    }

    private static String describe(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** One key's tokens; refilled lazily from the time elapsed since the last request. */
    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        /** Takes a token and returns 0, or returns how long until one is back (nanoseconds) and takes nothing. */
        synchronized long take(RateLimit limit, long now) {
            double elapsedSeconds = Math.max(0, now - updatedAt) / 1e9;
            tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.perSecond());
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
        }
    }
}
