package dev.stratum.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.StratumService;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.telemetry.Telemetry;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the Javalin application: JSON, limits, the access check, the error mapper and every feature's routes. */
final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private HttpApi() {}

    static Javalin create(ServerConfig config, StratumService service, ApiKeyStore keys, Telemetry telemetry,
            GracefulStop stop) {
        ObjectMapper mapper = JsonMapping.newObjectMapper();
        JsonBodies bodies = new JsonBodies(mapper, config.maxBodyBytes());
        LabelledFiles files = new LabelledFiles(config.maxImportBytes());
        Authenticator authenticator = new Authenticator(keys);
        HttpTelemetry http = new HttpTelemetry(telemetry);
        return Javalin.create(javalin -> {
            configureServer(javalin, config);
            stop.install(javalin, telemetry.meterRegistry());
            javalin.jsonMapper(JsonMapping.forJavalin(mapper));
            ErrorMapping.install(javalin);
            javalin.routes.before(http::start);
            javalin.routes.after(http::end);
            javalin.routes.after(ctx -> Actor.clear());
            javalin.routes.beforeMatched(authenticator::check);
            javalin.routes.beforeMatched(new RateLimiter(config.rateLimit(), System::nanoTime)::check);
            // Route templates, not paths: ids and query strings stay out of the log.
            javalin.requestLogger.http((ctx, ms) -> LOG.debug("{} -> {} in {} ms", JsonBodies.route(ctx), ctx.statusCode(),
                    Math.round(ms)));
            new HealthRoutes(service).register(javalin.routes);
            new TaskRoutes(service, bodies).register(javalin.routes);
            new PredictionRoutes(service, bodies, config.maxBatchTexts()).register(javalin.routes);
            new ExampleRoutes(service, bodies, files).register(javalin.routes);
            new TrainingRoutes(service).register(javalin.routes);
            new ModelRoutes(service, bodies).register(javalin.routes);
            new ExportRoutes(service).register(javalin.routes);
            new EvaluationRoutes(service, bodies, files).register(javalin.routes);
            new TelemetryRoutes(telemetry, config.metrics()).register(javalin.routes);
            new ReviewRoutes(service, bodies).register(javalin.routes);
            new HistoryRoutes(service, java.time.Clock.systemUTC()).register(javalin.routes);
            new PolicyRoutes(service, bodies).register(javalin.routes);
            new AuditRoutes(service).register(javalin.routes);
            new AnalysisRoutes(service.analysis(), bodies).register(javalin.routes);
            new ConsoleRoutes().register(javalin.routes);
        });
    }

    private static void configureServer(JavalinConfig javalin, ServerConfig config) {
        javalin.jetty.host = config.host();
        javalin.jetty.port = config.port();
        javalin.concurrency.useVirtualThreads = true;
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.http.prefer405over404 = true;
        // Bodies are read through JsonBodies and LabelledFiles, which apply the per-route limits; this is only
        // Javalin's own ceiling for anything that would read a body by other means.
        javalin.http.maxRequestSize = config.maxImportBytes();
        javalin.http.defaultContentType = "application/json";
        javalin.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorPages()));
        // A client that stops sending mid-request (or stops reading the answer) holds a thread and a connection;
        // this bounds how long.
        javalin.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(config.idleTimeout().toMillis()));
    }
}
