package dev.stratum.server;

import dev.stratum.api.UnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * How the server stops without dropping work: once {@link #refuseReadiness} is called, readiness answers 503 while
 * everything else is still served, so that load balancers stop sending requests; once {@link #begin} is called and
 * Javalin stops, the port stops accepting connections, requests already being handled run to their end (up to the
 * stop timeout), and new requests on connections that are still open get 503.
 *
 * <p>Jetty only waits for requests in flight when a {@link GracefulHandler} is in its handler chain and the server has
 * a stop timeout; without them {@code stop()} closes every connection at once. Connections that stay silent for a
 * second once stopping has begun are closed (Jetty's shutdown idle timeout), idle keep-alive connections and
 * clients that stall mid-body alike; requests the server is still working on are not affected.
 */
final class GracefulStop {
    static final String IN_FLIGHT_METRIC = "stratum_http_requests_in_flight";
    private final GracefulHandler requests = new GracefulHandler();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Server> jetty = new AtomicReference<>();

    /** Puts the graceful handler around every route and makes readiness fail once stopping has begun. */
    void install(JavalinConfig javalin, MeterRegistry meters) {
        javalin.jetty.modifyServer(server -> {
            server.insertHandler(requests);
            jetty.set(server);
        });
        javalin.routes.before("/v1/ready", this::refuseReadinessWhileStopping);
        Gauge.builder(IN_FLIGHT_METRIC, requests, GracefulHandler::getCurrentRequestCount)
                .description("HTTP requests being handled, the scrape that reads this included")
                .register(meters);
    }

    /** Requests being handled right now. */
    long inFlight() {
        return requests.getCurrentRequestCount();
    }

    /** From now on readiness answers 503; every other route is served as before. */
    void refuseReadiness() {
        stopping.set(true);
    }

    /**
     * Refuses readiness and sets how long Jetty's {@code stop()} waits for requests in flight; call it before stopping
     * Javalin.
     */
    void begin(Duration timeout) {
        refuseReadiness();
        Server server = jetty.get();
        if (server != null) {
            server.setStopTimeout(Math.max(1, timeout.toMillis()));
        }
    }

    private void refuseReadinessWhileStopping(Context ctx) {
        if (stopping.get()) {
            throw new UnavailableException("shutting_down", "this Stratum process is shutting down; send new requests to "
                    + "another replica", null);
        }
    }
}
