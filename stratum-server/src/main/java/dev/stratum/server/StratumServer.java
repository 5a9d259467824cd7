package dev.stratum.server;

import dev.stratum.api.StratumService;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Stratum HTTP server: the JSON API over a {@link StratumService}, with API-key authentication. Closing it
 * stops listening; the service and the key store stay open and belong to the caller.
 */
public final class StratumServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StratumServer.class);
    /** How long {@link #close()} waits for requests in flight. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);
    private final Javalin app;
    private final GracefulStop stop;
    private final Telemetry ownTelemetry;

    private StratumServer(Javalin app, GracefulStop stop, Telemetry ownTelemetry) {
        this.app = app;
        this.stop = stop;
        this.ownTelemetry = ownTelemetry;
    }

    /**
     * Starts listening on {@code config.host()}:{@code config.port()} and returns once requests are served.
     *
     * @throws UnavailableException when the address cannot be bound (for example the port is taken)
     */
    public static StratumServer start(ServerConfig config, StratumService service, ApiKeyStore keys) {
        Telemetry own = Telemetry.start(TelemetryConfig.defaults());
        try {
            return start(config, service, keys, own, own);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Starts as above, recording server spans and HTTP metrics in {@code telemetry}, which also serves {@code GET
     * /metrics} and {@code GET /v1/traces}; give the engine the same telemetry so that its spans and metrics are there
     * too. The telemetry stays open and belongs to the caller.
     */
    public static StratumServer start(ServerConfig config, StratumService service, ApiKeyStore keys,
            Telemetry telemetry) {
        return start(config, service, keys, Objects.requireNonNull(telemetry, "telemetry"), null);
    }

    private static StratumServer start(ServerConfig config, StratumService service, ApiKeyStore keys,
            Telemetry telemetry, Telemetry own) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(keys, "keys");
        GracefulStop stop = new GracefulStop();
        Javalin app = HttpApi.create(config, service, keys, telemetry, stop);
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new UnavailableException("server_start_failed", "could not listen on " + config.host() + ":"
                    + config.port() + " (" + e.getMessage() + "); is another process using the port? Choose another "
                    + "port, or 0 for any free one", e);
        }
        LOG.info("Stratum API listening on http://{}:{}", config.host(), app.port());
        return new StratumServer(app, stop, own);
    }

    /** The port the server listens on: the configured one, or the one picked when it was 0. */
    public int port() {
        return app.port();
    }

    /** Stops as {@link #stop(Duration)} does, waiting up to {@link #DEFAULT_STOP_TIMEOUT}. */
    @Override
    public void close() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Starts draining: from now on {@code GET /v1/ready} answers 503 {@code shutting_down}, so that load balancers
     * stop sending requests here, while every other route is still served. {@link #stop(Duration)} follows.
     */
    public void drain() {
        stop.refuseReadiness();
    }

    /**
     * Stops gracefully: readiness answers 503 at once, the port stops accepting connections, and requests already
     * being handled run to their end for up to {@code timeout}; those still running then are cut off. Requests that
     * arrive on connections still open meanwhile get 503. Does not close the service.
     */
    public void stop(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long started = System.nanoTime();
        long inFlight = stop.inFlight();
        LOG.info("stopping: {} requests in flight, waiting up to {} s for them", inFlight, timeout.toSeconds());
        stop.begin(timeout);
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty reports a stop timeout after it has stopped anyway; the count below says what was cut off.
            LOG.debug("Jetty reported while stopping", e);
        }
        long left = stop.inFlight();
        if (left > 0) {
            LOG.warn("stopped after {} ms; {} requests were still running and were cut off", millisSince(started), left);
        } else {
            LOG.info("stopped in {} ms; every request in flight was answered", millisSince(started));
        }
        if (ownTelemetry != null) {
            ownTelemetry.close();
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /** Every registered HTTP route as (method, path template), for checks that the OpenAPI document is complete. */
    List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> new Route(e.method.name(), e.path))
                .toList();
    }

    /** One route of the API. */
    record Route(String method, String path) {}
}
