package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.Prediction;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.lifecycle.ModelPolicy;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.odd.OddRule;
import dev.stratum.demo.DemoTask;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining triggers of a task's lifecycle policy on the real engine with the demo task: a schedule, driven by
 * an injected clock, and a rise of the out-of-domain share. Each starts a training only when something new was
 * validated, and the version it makes says in its provenance which trigger started it and why.
 */
class RetrainTriggersTest {
    private static final String TASK = DemoTask.TASK_ID;
    private static final String OUT_OF_DOMAIN = "How long should I boil an egg so that the yolk stays soft?";

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private StratumEngine engine;

    @BeforeEach
    void open() {
        engine = StratumEngine.open(new EngineConfig(dir, clock, 10, 42L, true));
        DemoTask.load(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void schedule_retrainsOnlyWhenDue_andOnlyWhenSomethingNewWasValidated() throws Exception {
        policy(new ModelPolicy(null, null, null, null, null, null, null, null, null, "PT6H", null, null));
        ModelVersion v1 = engine.currentModel(TASK).orElseThrow();

        clock.advance(Duration.ofHours(7));
        engine.onSchedule();
        assertThat(engine.lastTraining(TASK).orElseThrow().trigger()).as("due, but nothing new").isEqualTo("demo");

        clock.set(v1.createdAt().plus(Duration.ofHours(1)));
        engine.addExample(TASK, "Taxi from the airport to the hotel", "travel/ground-transport");
        engine.onSchedule();
        assertThat(engine.lastTraining(TASK).orElseThrow().trigger()).as("something new, not due").isEqualTo("demo");

        clock.set(v1.createdAt().plus(Duration.ofHours(6)));
        engine.onSchedule();
        TrainingRun run = awaitTraining();
        assertThat(run.status()).isEqualTo(TrainingRun.Status.SUCCEEDED);
        String trigger = engine.store().models().find(run.modelVersionId()).orElseThrow().provenance().trigger();
        assertThat(trigger).startsWith("auto: schedule every PT6H, last training started " + v1.createdAt())
                .endsWith("; 1 new validated examples");

        engine.addExample(TASK, "Airport shuttle bus", "travel/ground-transport");
        clock.advance(Duration.ofHours(5));
        engine.onSchedule();
        assertThat(engine.lastTraining(TASK).orElseThrow()).as("something new, but trained 5 hours ago")
                .isEqualTo(run);
    }

    @Test
    void risingOutOfDomainShare_retrainsOnceSomethingNewWasValidated() throws Exception {
        engine.setPolicy(TASK, OddPolicy.DEFAULT, "test");
        policy(new ModelPolicy(null, null, null, null, null, null, null, null, null, null, 30.0, 10));
        List<String> inDomain = engine.store().examples().all(TASK).stream().limit(10).map(e -> e.text()).toList();
        inDomain.forEach(text -> engine.predict(TASK, text));

        List<Prediction> refused = predictOutOfDomain(10);
        assertThat(refused).allSatisfy(p -> assertThat(p.odd().rule()).isEqualTo(OddRule.OUT_OF_DOMAIN));
        assertThat(engine.lastTraining(TASK).orElseThrow().trigger()).as("risen, but nothing new").isEqualTo("demo");

        engine.addExample(TASK, "Hotel minibar and room service", "travel/lodging");
        predictOutOfDomain(10);
        TrainingRun run = awaitTraining();
        assertThat(run.status()).isEqualTo(TrainingRun.Status.SUCCEEDED);
        String trigger = engine.store().models().find(run.modelVersionId()).orElseThrow().provenance().trigger();
        assertThat(trigger).startsWith("auto: out-of-domain rise: the out-of-domain share of the last 10 predictions"
                + " rose from ").contains("to 1.000").endsWith("limit 30); 1 new validated examples");
    }

    @Test
    void steadyOutOfDomainShare_startsNoTraining() {
        engine.setPolicy(TASK, OddPolicy.DEFAULT, "test");
        policy(new ModelPolicy(null, null, null, null, null, null, null, null, null, null, 30.0, 10));
        engine.addExample(TASK, "Hotel minibar and room service", "travel/lodging");
        List<String> inDomain = engine.store().examples().all(TASK).stream().limit(30).map(e -> e.text()).toList();
        inDomain.forEach(text -> engine.predict(TASK, text));

        assertThat(engine.lastTraining(TASK).orElseThrow().trigger()).isEqualTo("demo");
    }

    private List<Prediction> predictOutOfDomain(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> engine.predict(TASK, OUT_OF_DOMAIN)).toList();
    }

    private void policy(ModelPolicy policy) {
        engine.updateSettings(TASK, new TaskSettings(null, 0, policy));
    }

    /** The training the trigger started, once it is over; generous, since the machine may be loaded. */
    private TrainingRun awaitTraining() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            TrainingRun run = engine.lastTraining(TASK).orElseThrow();
            if (!run.trigger().equals("demo") && run.status() != TrainingRun.Status.RUNNING) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no triggered training finished within 3 minutes: "
                + engine.lastTraining(TASK).orElseThrow());
    }

    /** A clock a test sets, so that schedules are tested without waiting. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void set(Instant value) {
            now = value;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
