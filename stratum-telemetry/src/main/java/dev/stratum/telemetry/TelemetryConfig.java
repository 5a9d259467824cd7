package dev.stratum.telemetry;

import java.net.URI;
import java.util.Map;

/**
 * How Stratum records and exports its telemetry, validated once at start-up.
 *
 * @param serviceName the {@code service.name} resource attribute of every span
 * @param otlpTracesEndpoint the full OTLP/HTTP URL spans are sent to (for example
 *     {@code http://collector:4318/v1/traces}), or null to keep spans in process only
 * @param recentSpans how many finished spans the in-process buffer keeps for {@code GET /v1/traces}, newest first
 * @param jvmMetrics whether memory, GC, thread, class-loading and CPU metrics of the JVM are registered
 */
public record TelemetryConfig(String serviceName, URI otlpTracesEndpoint, int recentSpans, boolean jvmMetrics) {
    public static final int DEFAULT_RECENT_SPANS = 4096;
    private static final int MAX_RECENT_SPANS = 1_000_000;

    public TelemetryConfig {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("telemetry service name is empty; use for example 'stratum'");
        }
        if (recentSpans < 0 || recentSpans > MAX_RECENT_SPANS) {
            throw new IllegalArgumentException("recent span buffer size " + recentSpans + " is out of range; use 0 "
                    + "(no buffer) to " + MAX_RECENT_SPANS + " (default " + DEFAULT_RECENT_SPANS + ")");
        }
        if (otlpTracesEndpoint != null) {
            String scheme = otlpTracesEndpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("OTLP endpoint '" + otlpTracesEndpoint + "' is not an http(s) URL; "
                        + "use for example http://localhost:4318");
            }
        }
    }

    /** Spans in process only, JVM metrics on. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig("stratum", null, DEFAULT_RECENT_SPANS, true);
    }

    /**
     * The defaults, with the OTLP endpoint taken from the standard OpenTelemetry variables:
     * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as it is) or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (a base URL to
     * which {@code /v1/traces} is added), and the service name from {@code OTEL_SERVICE_NAME}.
     */
    public static TelemetryConfig fromEnvironment(Map<String, String> env) {
        TelemetryConfig config = defaults();
        String name = env.get("OTEL_SERVICE_NAME");
        if (name != null && !name.isBlank()) {
            config = new TelemetryConfig(name.strip(), null, config.recentSpans(), config.jvmMetrics());
        }
        String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return config.withOtlpTracesEndpoint(parse(traces.strip(), "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            return config.withOtlpEndpoint(base.strip());
        }
        return config;
    }

    /** Sends spans to the OTLP/HTTP collector at {@code baseUrl} (its {@code /v1/traces} path). */
    public TelemetryConfig withOtlpEndpoint(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return withOtlpTracesEndpoint(parse(trimmed + "/v1/traces", "the OTLP endpoint"));
    }

    public TelemetryConfig withOtlpTracesEndpoint(URI value) {
        return new TelemetryConfig(serviceName, value, recentSpans, jvmMetrics);
    }

    public TelemetryConfig withRecentSpans(int value) {
        return new TelemetryConfig(serviceName, otlpTracesEndpoint, value, jvmMetrics);
    }

    public TelemetryConfig withJvmMetrics(boolean value) {
        return new TelemetryConfig(serviceName, otlpTracesEndpoint, recentSpans, value);
    }

    private static URI parse(String value, String what) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a URL; use for example "
                    + "http://localhost:4318", e);
        }
    }
}
