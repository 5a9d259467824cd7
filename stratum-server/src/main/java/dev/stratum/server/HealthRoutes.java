package dev.stratum.server;

import dev.stratum.api.StratumService;
import dev.stratum.api.UnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public routes: liveness, readiness and the OpenAPI description of the API. */
final class HealthRoutes {
    static final String OPENAPI_RESOURCE = "openapi.json";
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
    private final StratumService service;
    private final byte[] openApi;

    HealthRoutes(StratumService service) {
        this.service = service;
        this.openApi = loadOpenApi();
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/health", ctx -> ctx.json(new Status("ok")), Access.PUBLIC);
        routes.get("/v1/ready", this::ready, Access.PUBLIC);
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), Access.PUBLIC);
    }

    private void ready(Context ctx) {
        boolean ready;
        try {
            ready = service.isReady();
        } catch (RuntimeException e) {
            // A readiness probe that throws means "not ready", not "server bug": the load balancer should wait.
            LOG.warn("readiness check failed", e);
            ready = false;
        }
        if (!ready) {
            throw new UnavailableException("not_ready",
                    "Stratum is not ready: the store is unreachable or the model is still loading; retry shortly", null);
        }
        ctx.json(new Status("ready"));
    }

    static byte[] loadOpenApi() {
        try (InputStream in = HealthRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + OPENAPI_RESOURCE + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + OPENAPI_RESOURCE + " from the server jar", e);
        }
    }

    /** The body of the health and readiness answers. */
    record Status(String status) {}
}
