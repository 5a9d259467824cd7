package dev.stratum.server;

import dev.stratum.api.StratumService;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import io.javalin.Javalin;
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
    private final Javalin app;
    private final Telemetry ownTelemetry;

    private StratumServer(Javalin app, Telemetry ownTelemetry) {
        this.app = app;
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
        Javalin app = HttpApi.create(config, service, keys, telemetry);
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new UnavailableException("server_start_failed", "could not listen on " + config.host() + ":"
                    + config.port() + " (" + e.getMessage() + "); is another process using the port? Choose another "
                    + "port, or 0 for any free one", e);
        }
        LOG.info("Stratum API listening on http://{}:{}", config.host(), app.port());
        return new StratumServer(app, own);
    }

    /** The port the server listens on: the configured one, or the one picked when it was 0. */
    public int port() {
        return app.port();
    }

    /** Stops listening and waits for requests in flight. Does not close the service. */
    @Override
    public void close() {
        app.stop();
        if (ownTelemetry != null) {
            ownTelemetry.close();
        }
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
