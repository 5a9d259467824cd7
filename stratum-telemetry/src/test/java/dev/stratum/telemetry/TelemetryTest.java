package dev.stratum.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    @Test
    void recentSpans_keepsTheNewestWithinCapacity_newestFirst() {
        try (Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults().withRecentSpans(3).withJvmMetrics(false))) {
            Tracer tracer = telemetry.openTelemetry().getTracer("test");
            for (int i = 0; i < 5; i++) {
                tracer.spanBuilder("span-" + i).setAttribute("n", i).startSpan().end();
            }

            List<SpanRecord> spans = telemetry.recentSpans(10, null);

            assertThat(spans).extracting(SpanRecord::name).containsExactly("span-4", "span-3", "span-2");
            assertThat(spans.get(0).attributes()).containsEntry("n", 4L);
            assertThat(telemetry.recentSpans(1, null)).hasSize(1);
        }
    }

    @Test
    void recentSpans_ofOneTrace_returnsParentAndChild() {
        try (Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults().withJvmMetrics(false))) {
            Tracer tracer = telemetry.openTelemetry().getTracer("test");
            Span parent = tracer.spanBuilder("parent").startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                tracer.spanBuilder("child").startSpan().end();
            }
            parent.end();
            tracer.spanBuilder("other").startSpan().end();

            List<SpanRecord> spans = telemetry.recentSpans(10, parent.getSpanContext().getTraceId());

            assertThat(spans).extracting(SpanRecord::name).containsExactly("parent", "child");
            assertThat(spans.get(1).parentSpanId()).isEqualTo(spans.get(0).spanId());
            assertThat(spans.get(0).parentSpanId()).isNull();
        }
    }

    @Test
    void scrape_showsCountersAndJvmMetricsInPrometheusFormat() {
        try (Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults())) {
            telemetry.meterRegistry().counter("stratum.test.events", "task", "t1").increment(2);

            String text = telemetry.scrape();

            assertThat(text).contains("stratum_test_events_total{task=\"t1\"} 2.0");
            assertThat(text).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void config_fromEnvironment_takesTheStandardOtlpVariables() {
        TelemetryConfig base = TelemetryConfig.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://collector:4318/", "OTEL_SERVICE_NAME", "stratum-eu"));
        TelemetryConfig full = TelemetryConfig.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://collector:4318/custom"));

        assertThat(base.otlpTracesEndpoint()).hasToString("http://collector:4318/v1/traces");
        assertThat(base.serviceName()).isEqualTo("stratum-eu");
        assertThat(full.otlpTracesEndpoint()).hasToString("http://collector:4318/custom");
        assertThat(TelemetryConfig.fromEnvironment(Map.of()).otlpTracesEndpoint()).isNull();
    }

    @Test
    void config_withNonHttpEndpoint_isRefusedWithAnExample() {
        assertThatThrownBy(() -> TelemetryConfig.defaults().withOtlpEndpoint("collector:4317"))
                .hasMessageContaining("http://localhost:4318");
    }
}
