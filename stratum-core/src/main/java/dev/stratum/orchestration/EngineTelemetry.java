package dev.stratum.orchestration;

import dev.stratum.api.FeedbackAction;
import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.StratumException;
import dev.stratum.api.odd.OddCheck;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * The engine's tracer and meters: a span per request with a child span per stage, and the metrics of the loop
 * (predictions and confidence per task and layer, stage latency, feedback and agreement, training time). Built over
 * the OpenTelemetry and Micrometer APIs only; the application chooses the SDK and the registry. {@link #NOOP} records
 * nothing. Request texts are never recorded: spans carry ids, layers, versions and outcomes.
 */
public final class EngineTelemetry {
    /** Records nothing; the default of an engine opened without telemetry. */
    public static final EngineTelemetry NOOP = new EngineTelemetry(OpenTelemetry.noop(), new CompositeMeterRegistry(),
            true);
    static final String TASK = "stratum.task.id";
    static final String LAYER = "stratum.layer";
    static final String OUTCOME = "stratum.outcome";
    private static final Duration[] STAGE_BUCKETS = durations(0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000,
            2500);
    private static final Duration[] TRAINING_BUCKETS = durations(100, 500, 1000, 5000, 10_000, 30_000, 60_000,
            300_000);
    private static final double[] PROBABILITY_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final MeterRegistry registry;
    private final boolean spans;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLongArray> agreement = new ConcurrentHashMap<>();

    private EngineTelemetry(OpenTelemetry openTelemetry, MeterRegistry registry, boolean spans) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("dev.stratum.orchestration");
        this.registry = registry;
        this.spans = spans;
    }

    /** Telemetry through {@code openTelemetry}'s tracer and into {@code registry}. */
    public static EngineTelemetry of(OpenTelemetry openTelemetry, MeterRegistry registry) {
        return new EngineTelemetry(Objects.requireNonNull(openTelemetry, "openTelemetry"),
                Objects.requireNonNull(registry, "registry"), true);
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** The same meters without stage spans: for batches, where a span per item would drown the request's trace. */
    EngineTelemetry withoutStageSpans() {
        return new EngineTelemetry(openTelemetry, registry, false);
    }

    /** Starts the span of one engine operation, current until the request is closed. */
    Request request(String operation, String taskId) {
        Span span = tracer.spanBuilder("stratum." + operation)
                .setAttribute("gen_ai.operation.name", operation)
                .setAttribute(TASK, taskId == null ? "" : shorten(taskId))
                .startSpan();
        return new Request(span, span.makeCurrent());
    }

    /** Runs one stage of the current request: a child span and the {@code stratum.stage.duration} timer. */
    <T> T stage(String stage, Supplier<T> work) {
        Span span = spans ? tracer.spanBuilder(stage).startSpan() : Span.getInvalid();
        long start = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, errorType(e));
            throw e;
        } finally {
            stageTimer(stage).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            span.end();
        }
    }

    void stage(String stage, Runnable work) {
        stage(stage, () -> {
            work.run();
            return null;
        });
    }

    /** Counts an answered prediction and records its confidence, per task and layer. */
    void answered(Prediction prediction) {
        String layer = prediction.source().wireName();
        registry.counter("stratum.predictions", "task", prediction.taskId(), "layer", layer).increment();
        DistributionSummary.builder("stratum.prediction.confidence")
                .description("Top probability of each answer, per task and answering layer")
                .tags("task", prediction.taskId(), "layer", layer)
                .serviceLevelObjectives(PROBABILITY_BUCKETS)
                .register(registry)
                .record(prediction.confidence());
        OddCheck odd = prediction.odd();
        if (odd != null) {
            registry.counter("stratum.odd.checks", "task", prediction.taskId(),
                    "rule", odd.inside() ? "none" : odd.rule().wireName(),
                    "action", odd.inside() ? "answer" : odd.action().wireName()).increment();
        }
    }

    /** Counts a feedback action; accept and correct also move the task's agreement rate. */
    void feedback(String taskId, FeedbackAction action, Layer layer) {
        registry.counter("stratum.feedback", "task", taskId, "action", action.wireName(), "layer", layer.wireName())
                .increment();
        AtomicLongArray counts = agreement.computeIfAbsent(taskId, id -> {
            AtomicLongArray created = new AtomicLongArray(2);
            Gauge.builder("stratum.feedback.agreement", created,
                            c -> c.get(0) + c.get(1) == 0 ? Double.NaN : (double) c.get(0) / (c.get(0) + c.get(1)))
                    .description("Share of accepts among accepts and corrections since start, per task")
                    .tag("task", id)
                    .register(registry);
            return created;
        });
        if (action == FeedbackAction.ACCEPT) {
            counts.incrementAndGet(0);
        } else if (action == FeedbackAction.CORRECT) {
            counts.incrementAndGet(1);
        }
    }

    void training(String taskId, long nanos, boolean succeeded) {
        Timer.builder("stratum.training.duration")
                .tags("task", taskId, "outcome", succeeded ? "succeeded" : "failed")
                .serviceLevelObjectives(TRAINING_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Registers a gauge read when metrics are scraped. */
    <T> void gauge(String name, String description, T state, java.util.function.ToDoubleFunction<T> read) {
        Gauge.builder(name, state, read).description(description).register(registry);
    }

    private Timer stageTimer(String stage) {
        return stageTimers.computeIfAbsent(stage, s -> Timer.builder("stratum.stage.duration")
                .description("Time spent in each stage of a request: validation, embedding, memory lookup, "
                        + "each model layer, storage")
                .tag("stage", s)
                .serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry));
    }

    static String errorType(RuntimeException e) {
        return e instanceof StratumException s ? s.code() : e.getClass().getSimpleName();
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64);
    }

    private static Duration[] durations(double... millis) {
        Duration[] out = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            out[i] = Duration.ofNanos(Math.round(millis[i] * 1_000_000));
        }
        return out;
    }

    /** The span of one engine operation; close it in a finally block (try-with-resources). */
    static final class Request implements AutoCloseable {
        private final Span span;
        private final Scope scope;

        private Request(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        Request attribute(String key, String value) {
            span.setAttribute(key, value);
            return this;
        }

        Request attribute(String key, long value) {
            span.setAttribute(key, value);
            return this;
        }

        /** Records what the request answered: layer, model version, confidence. */
        void answered(Prediction prediction) {
            span.setAttribute(LAYER, prediction.source().wireName());
            span.setAttribute("gen_ai.response.model", prediction.modelVersion());
            span.setAttribute("stratum.confidence", prediction.confidence());
            span.setAttribute(OUTCOME, prediction.label() == null ? "withheld" : "answered");
            if (prediction.odd() != null && !prediction.odd().inside()) {
                span.setAttribute("stratum.odd.rule", prediction.odd().rule().wireName());
                span.setAttribute("stratum.odd.action", prediction.odd().action().wireName());
            }
        }

        /** Marks the span failed with the error's code, and returns the error for rethrowing. */
        RuntimeException failed(RuntimeException e) {
            span.setStatus(StatusCode.ERROR, errorType(e));
            span.setAttribute("error.type", errorType(e));
            span.setAttribute(OUTCOME, "error");
            return e;
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
