package dev.stratum.server;

import dev.stratum.telemetry.Telemetry;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server span and the HTTP metrics of every request. The span starts before any handler, as a child of the
 * caller's trace when the request carries a W3C {@code traceparent} header, and is current while the handlers run, so
 * the engine's spans nest under it; it ends after the last handler. Routes are recorded as templates
 * ({@code /v1/tasks/{task}/predict}), never as paths with ids or query strings.
 */
final class HttpTelemetry {
    static final String ERROR_CODE = "stratum.error_code";
    private static final String SPAN = "stratum.http.span";
    private static final String SCOPE = "stratum.http.scope";
    private static final String START = "stratum.http.start";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return List.copyOf(ctx.headerMap().keySet());
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final MeterRegistry registry;

    HttpTelemetry(Telemetry telemetry) {
        this.tracer = telemetry.openTelemetry().getTracer("dev.stratum.server");
        this.propagator = telemetry.openTelemetry().getPropagators().getTextMapPropagator();
        this.registry = telemetry.meterRegistry();
    }

    void start(Context ctx) {
        io.opentelemetry.context.Context parent = propagator.extract(io.opentelemetry.context.Context.root(), ctx,
                HEADERS);
        Span span = tracer.spanBuilder(ctx.method().name())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute("http.request.method", ctx.method().name())
                .startSpan();
        ctx.attribute(START, System.nanoTime());
        ctx.attribute(SPAN, span);
        ctx.attribute(SCOPE, span.makeCurrent());
    }

    void end(Context ctx) {
        Span span = ctx.attribute(SPAN);
        Scope scope = ctx.attribute(SCOPE);
        Long start = ctx.attribute(START);
        if (span == null || scope == null || start == null) {
            return;
        }
        ctx.attribute(SCOPE, null);
        scope.close();
        String route = route(ctx);
        int status = ctx.statusCode();
        span.updateName(ctx.method().name() + " " + route);
        span.setAttribute("http.route", route);
        span.setAttribute("http.response.status_code", status);
        String code = ctx.attribute(ERROR_CODE);
        if (code != null) {
            span.setAttribute("error.type", code);
        }
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        String statusText = Integer.toString(status);
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tags("method", ctx.method().name(), "route", route, "status", statusText)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (status >= 400) {
            registry.counter("stratum.http.errors", "route", route, "status", statusText, "code",
                    code == null ? "unknown" : code).increment();
        }
    }

    /** The matched route template, or {@code unmatched}: never the raw path, whose ids would multiply the series. */
    private static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }
}
