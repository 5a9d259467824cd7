package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import java.time.Duration;

/**
 * How the HTTP server listens and how much it accepts, validated once when it is built.
 *
 * @param host the interface to bind, for example {@code 127.0.0.1} (local only) or {@code 0.0.0.0} (all)
 * @param port the TCP port; 0 picks a free one (read it back with {@link StratumServer#port()})
 * @param maxBodyBytes the largest JSON request body accepted; larger ones get 413
 * @param maxImportBytes the largest file accepted by the streaming routes (example import, evaluation); the file is
 *     streamed to the service, never held in memory whole
 * @param maxBatchTexts the most texts one batch prediction may carry
 * @param metrics who may read {@code GET /metrics}
 * @param rateLimit how many requests each API key may send
 * @param idleTimeout how long a connection may stay silent while a request or its answer is being sent; a client
 *     that sends its body slower than this is cut off
 */
public record ServerConfig(
        String host, int port, long maxBodyBytes, long maxImportBytes, int maxBatchTexts, MetricsAccess metrics,
        RateLimit rateLimit, Duration idleTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_IMPORT_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_TEXTS = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BATCH_TEXTS_LIMIT = 100_000;

    /**
     * Who may read {@code GET /metrics}. Public by default, like the health routes: metrics hold counts, latencies and
     * task ids but no texts, and scrapers usually reach the port from an internal network without a secret. Until
     * read-only keys exist, requiring a key means giving the scraper an admin key, so {@code KEY} suits deployments
     * where the port is reachable from outside and the scraper can keep a secret; {@code OFF} removes the route.
     */
    public enum MetricsAccess {
        PUBLIC,
        KEY,
        OFF
    }

    /** A configuration with public metrics. */
    public ServerConfig(String host, int port, long maxBodyBytes, long maxImportBytes, int maxBatchTexts) {
        this(host, port, maxBodyBytes, maxImportBytes, maxBatchTexts, MetricsAccess.PUBLIC);
    }

    /** A configuration without rate limits and with the default idle timeout. */
    public ServerConfig(String host, int port, long maxBodyBytes, long maxImportBytes, int maxBatchTexts,
            MetricsAccess metrics) {
        this(host, port, maxBodyBytes, maxImportBytes, maxBatchTexts, metrics, RateLimit.UNLIMITED,
                DEFAULT_IDLE_TIMEOUT);
    }

    public ServerConfig {
        java.util.Objects.requireNonNull(metrics, "metrics");
        java.util.Objects.requireNonNull(rateLimit, "rateLimit");
        if (idleTimeout == null || idleTimeout.toMillis() < 1) {
            throw invalid("idle timeout " + idleTimeout + " is not positive; give how long a connection may stay "
                    + "silent mid-request (default " + DEFAULT_IDLE_TIMEOUT.toSeconds() + " s)");
        }
        if (host == null || host.isBlank()) {
            throw invalid(
                    "server host is empty; use 127.0.0.1 to listen locally or 0.0.0.0 to listen on all interfaces");
        }
        host = host.strip();
        if (port < 0 || port > 65_535) {
            throw invalid(
                    "server port " + port + " is out of range; use 1 to 65535, or 0 for any free port");
        }
        if (maxBodyBytes < 1024) {
            throw invalid("max body size " + maxBodyBytes
                    + " bytes is too small for any request; use at least 1024 (default " + DEFAULT_MAX_BODY_BYTES + ")");
        }
        if (maxImportBytes < maxBodyBytes) {
            throw invalid("max import size " + maxImportBytes
                    + " bytes is below the max body size " + maxBodyBytes + "; imports need at least as much");
        }
        if (maxBatchTexts < 1 || maxBatchTexts > MAX_BATCH_TEXTS_LIMIT) {
            throw invalid("max batch size " + maxBatchTexts + " is out of range; use 1 to "
                    + MAX_BATCH_TEXTS_LIMIT + " (default " + DEFAULT_MAX_BATCH_TEXTS + ")");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_server_config", message);
    }

    /** Listens on 127.0.0.1:8080 with the default limits. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_IMPORT_BYTES, DEFAULT_MAX_BATCH_TEXTS);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, maxBodyBytes, maxImportBytes, maxBatchTexts, metrics, rateLimit,
                idleTimeout);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, maxBodyBytes, maxImportBytes, maxBatchTexts, metrics, rateLimit,
                idleTimeout);
    }

    public ServerConfig withMaxBodyBytes(long value) {
        return new ServerConfig(host, port, value, Math.max(value, maxImportBytes), maxBatchTexts, metrics, rateLimit,
                idleTimeout);
    }

    public ServerConfig withMaxImportBytes(long value) {
        return new ServerConfig(host, port, maxBodyBytes, value, maxBatchTexts, metrics, rateLimit, idleTimeout);
    }

    public ServerConfig withMetrics(MetricsAccess value) {
        return new ServerConfig(host, port, maxBodyBytes, maxImportBytes, maxBatchTexts, value, rateLimit, idleTimeout);
    }

    public ServerConfig withRateLimit(RateLimit value) {
        return new ServerConfig(host, port, maxBodyBytes, maxImportBytes, maxBatchTexts, metrics, value, idleTimeout);
    }

    public ServerConfig withIdleTimeout(Duration value) {
        return new ServerConfig(host, port, maxBodyBytes, maxImportBytes, maxBatchTexts, metrics, rateLimit, value);
    }

    public ServerConfig withMaxBatchTexts(int value) {
        return new ServerConfig(host, port, maxBodyBytes, maxImportBytes, value, metrics, rateLimit, idleTimeout);
    }
}
