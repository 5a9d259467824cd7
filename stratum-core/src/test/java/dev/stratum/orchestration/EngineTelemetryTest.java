package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.FeedbackAction;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.telemetry.logging.LogFormat;
import dev.stratum.telemetry.logging.LogSettings;
import dev.stratum.telemetry.logging.LogSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTelemetryTest {
    private static final String SECRET_TEXT = "dinner with the Zanzibar acquisition team at Quillby's";
    private static final List<Label> LABELS = List.of(
            new Label("travel", "flights, hotels, taxis and trains for business trips"),
            new Label("meals", "restaurants, lunches, dinners and coffee"));

    @TempDir
    Path dir;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private OpenTelemetrySdk sdk;
    private StratumEngine engine;

    @BeforeEach
    void open() {
        LogSetup.configure(new LogSettings(LogFormat.JSON, "debug", null, false), logs);
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, false),
                EngineTelemetry.of(sdk, registry));
        engine.createTask(new NewTask("exp", "Expenses", LABELS, null));
    }

    @AfterEach
    void close() {
        engine.close();
        sdk.close();
        LogSetup.configure(LogSettings.text("warn"));
    }

    @Test
    void predict_recordsARequestSpanWithAChildPerStage() {
        Prediction prediction = engine.predict("exp", SECRET_TEXT);

        SpanData root = only("stratum.predict");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("stratum.task.id"))).isEqualTo("exp");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("predict");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("stratum.layer"))).isEqualTo("general");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                .isEqualTo(prediction.modelVersion());
        assertThat(root.getAttributes().get(AttributeKey.stringKey("stratum.outcome"))).isEqualTo("answered");
        Map<String, String> children = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(root.getSpanId()))
                .collect(Collectors.toMap(SpanData::getName, SpanData::getTraceId));
        assertThat(children.keySet())
                .containsExactlyInAnyOrder("validation", "embedding", "memory_lookup", "general", "storage");
        assertThat(children.values()).allMatch(root.getTraceId()::equals);
    }

    @Test
    void predict_unknownTask_endsTheSpanInErrorWithTheCode() {
        assertThatThrownBy(() -> engine.predict("nope", "taxi")).isInstanceOf(NotFoundException.class);

        SpanData root = only("stratum.predict");
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("task_not_found");
    }

    @Test
    void predictAndFeedback_countPerTaskAndLayer_andTrackAgreement() {
        Prediction first = engine.predict("exp", "taxi to the airport");
        Prediction second = engine.predict("exp", "team lunch");
        engine.feedback(first.id(), FeedbackAction.ACCEPT, null, null);
        engine.feedback(second.id(), FeedbackAction.CORRECT, first.label().equals("meals") ? "travel" : "meals", null);

        assertThat(registry.get("stratum.predictions").tag("task", "exp").tag("layer", "general").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("stratum.prediction.confidence").tag("task", "exp").summary().count()).isEqualTo(2);
        assertThat(registry.get("stratum.feedback").tag("action", "accept").counter().count()).isEqualTo(1);
        assertThat(registry.get("stratum.feedback.agreement").tag("task", "exp").gauge().value()).isEqualTo(0.5);
        assertThat(registry.get("stratum.stage.duration").tag("stage", "validation").timer().count()).isEqualTo(2);
        assertThat(registry.get("stratum.indexing.backlog").gauge().value()).isZero();
        assertThat(spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("stratum.feedback"))
                .map(s -> s.getAttributes().get(AttributeKey.stringKey("stratum.feedback.action"))))
                .containsExactlyInAnyOrder("accept", "correct");
    }

    @Test
    void train_recordsItsDurationAndASpan() {
        Prediction prediction = engine.predict("exp", "taxi to the airport");
        engine.feedback(prediction.id(), FeedbackAction.CORRECT, "travel", null);

        engine.trainAndWait("exp", "test");

        assertThat(registry.get("stratum.training.duration").tag("outcome", "succeeded").timer().count()).isEqualTo(1);
        assertThat(only("stratum.train").getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                .isEqualTo("exp-v1");
    }

    @Test
    void requestText_appearsInNoSpanAttributeAndNoLogLine() {
        Prediction prediction = engine.predict("exp", SECRET_TEXT);
        engine.predictBatch("exp", List.of(SECRET_TEXT, "another " + SECRET_TEXT));
        engine.feedback(prediction.id(), FeedbackAction.CORRECT, "meals", null);
        engine.trainAndWait("exp", "test");

        assertThat(spans.getFinishedSpanItems()).hasSizeGreaterThan(10);
        for (SpanData span : spans.getFinishedSpanItems()) {
            assertThat(span.getName()).doesNotContain("Zanzibar");
            span.getAttributes().forEach((key, value) ->
                    assertThat(String.valueOf(value)).as("%s of %s", key, span.getName()).doesNotContain("Zanzibar"));
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("\"trace_id\"").doesNotContain("Zanzibar").doesNotContain("Quillby");
    }

    private SpanData only(String name) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as("spans named %s", name).hasSize(1);
        return found.get(0);
    }
}
