package dev.stratum.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stratum's telemetry at run time: an OpenTelemetry SDK whose finished spans go to a bounded in-process buffer (read
 * back by {@link #recentSpans}) and, when an endpoint is configured, to an OTLP collector; and a Prometheus meter
 * registry (read back by {@link #scrape}). Hand {@link #openTelemetry()} and {@link #meterRegistry()} to the engine
 * and the server; close it last, to flush spans still queued for export.
 */
public final class Telemetry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    private final OpenTelemetrySdk sdk;
    private final PrometheusMeterRegistry registry;
    private final RecentSpans recent;
    private final JvmGcMetrics gcMetrics;

    private Telemetry(OpenTelemetrySdk sdk, PrometheusMeterRegistry registry, RecentSpans recent, JvmGcMetrics gc) {
        this.sdk = sdk;
        this.registry = registry;
        this.recent = recent;
        this.gcMetrics = gc;
    }

    /** Starts the SDK and the registry as {@code config} says. */
    public static Telemetry start(TelemetryConfig config) {
        RecentSpans recent = new RecentSpans(config.recentSpans());
        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName())));
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(recent);
        if (config.otlpTracesEndpoint() != null) {
            tracing.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                    .setEndpoint(config.otlpTracesEndpoint().toString()).build()).build());
            LOG.info("exporting spans over OTLP/HTTP to {}", config.otlpTracesEndpoint());
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gc = null;
        if (config.jvmMetrics()) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            gc = new JvmGcMetrics();
            gc.bindTo(registry);
        }
        return new Telemetry(sdk, registry, recent, gc);
    }

    /** Tracing and propagation, for the engine's and the server's spans. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** Every metric in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String scrapeContentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /**
     * Up to {@code limit} of the most recent finished spans, newest first.
     *
     * @param traceId only spans of this trace (32 hex digits), or null for all
     */
    public List<SpanRecord> recentSpans(int limit, String traceId) {
        return recent.newest(limit, traceId);
    }

    /** Flushes spans queued for export (waiting at most 5 s) and stops the SDK. */
    @Override
    public void close() {
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
        registry.close();
    }
}
