package dev.stratum.telemetry.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogSetupTest.class);

    @AfterEach
    void quiet() {
        LogSetup.configure(LogSettings.text("warn"));
    }

    @Test
    void json_insideASpan_carriesItsTraceAndSpanIds_andOutsideNone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSetup.configure(new LogSettings(LogFormat.JSON, "info", null, false), out);
        Span span;
        try (Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults().withJvmMetrics(false))) {
            span = telemetry.openTelemetry().getTracer("test").spanBuilder("work").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                LOG.info("inside {}", "a span");
            }
            span.end();
            LOG.info("outside");
            LOG.debug("below the level");
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode inside = new ObjectMapper().readTree(lines[0]);
        JsonNode outside = new ObjectMapper().readTree(lines[1]);
        assertThat(inside.path("formattedMessage").asText()).isEqualTo("inside a span");
        assertThat(inside.path("level").asText()).isEqualTo("INFO");
        assertThat(inside.path("mdc").path("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(inside.path("mdc").path("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(outside.path("mdc").has("trace_id")).isFalse();
    }

    @Test
    void text_isOneReadableLinePerEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSetup.configure(LogSettings.text("info"), out);

        LOG.info("hello {}", 42);

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+ INFO  LogSetupTest - hello 42\\R");
    }

    @Test
    void format_parse_refusesUnknownNamingTheChoices() {
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFormat.parse("xml"))
                .hasMessageContaining("xml").hasMessageContaining("text").hasMessageContaining("json");
    }
}
