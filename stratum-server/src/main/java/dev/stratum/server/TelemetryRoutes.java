package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.telemetry.SpanRecord;
import dev.stratum.telemetry.Telemetry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server's own telemetry: {@code GET /metrics} in the Prometheus text format, and {@code GET /v1/traces}, the
 * most recent spans of the in-process buffer. Metrics carry no request text, only task ids, routes and counts; whether
 * they need a key is {@link ServerConfig#metrics()}.
 */
final class TelemetryRoutes {
    static final int DEFAULT_SPANS = 100;
    static final int MAX_SPANS = 1000;
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private final Telemetry telemetry;
    private final ServerConfig.MetricsAccess access;

    TelemetryRoutes(Telemetry telemetry, ServerConfig.MetricsAccess access) {
        this.telemetry = telemetry;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        if (access != ServerConfig.MetricsAccess.OFF) {
            RouteRole[] roles = access == ServerConfig.MetricsAccess.PUBLIC ? new RouteRole[] {Access.PUBLIC}
                    : new RouteRole[0];
            routes.get("/metrics", ctx -> ctx.contentType(Telemetry.scrapeContentType()).result(telemetry.scrape()),
                    roles);
        }
        routes.get("/v1/traces", this::traces);
    }

    private void traces(Context ctx) {
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_SPANS, 1, MAX_SPANS);
        String traceId = ctx.queryParam("trace_id");
        if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
            throw new InvalidRequestException("invalid_query_parameter", "query parameter 'trace_id' is '"
                    + JsonBodies.shorten(traceId) + "'; use a trace id of 32 lower-case hex digits, as in the "
                    + "traceparent header or in GET /v1/traces");
        }
        ctx.json(new SpanList(telemetry.recentSpans(limit, traceId)));
    }

    /** The answer of {@code GET /v1/traces}: spans, newest first. */
    record SpanList(List<SpanRecord> spans) {}
}
