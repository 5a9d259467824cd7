package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Evaluation;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.ImportResult;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.Layer;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TrainingRun;
import dev.stratum.demo.DemoTask;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratumEngineTest {
    private static final List<Label> LABELS = List.of(
            new Label("travel", "flights, hotels, taxis and trains for business trips"),
            new Label("meals", "restaurants, lunches, dinners and coffee"),
            new Label("software", "software subscriptions, licences and cloud services"));

    @TempDir
    Path dir;

    private StratumEngine engine;

    @BeforeEach
    void open() {
        engine = StratumEngine.open(new EngineConfig(dir, java.time.Clock.systemUTC(), 10, 42L, false));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void createTask() {
        engine.createTask(new NewTask("exp", "Expenses", LABELS, null));
    }

    private static InputStream csv(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void predict_newTask_isAnsweredByTheGeneralLayer() {
        createTask();
        Prediction p = engine.predict("exp", "taxi from the airport to the hotel");
        assertThat(p.source()).isEqualTo(Layer.GENERAL);
        assertThat(p.label()).isEqualTo("travel");
        assertThat(p.modelVersion()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(engine.prediction(p.id())).isEqualTo(p);
    }

    @Test
    void correction_isUsedByTheMemoryForTheNextPrediction() {
        createTask();
        String text = "ACME LTD invoice 2291";
        Prediction first = engine.predict("exp", text);
        String right = first.label().equals("software") ? "meals" : "software";
        engine.feedback(first.id(), FeedbackAction.CORRECT, right, null);

        Prediction second = engine.predict("exp", text);
        assertThat(second.source()).isEqualTo(Layer.HYPERLOCAL);
        assertThat(second.label()).isEqualTo(right);
        assertThat(second.modelVersion()).isEqualTo(Cascade.MEMORY_ONLY);
    }

    @Test
    void feedbackGivenTwice_replacesTheEarlierExample() {
        createTask();
        Prediction p = engine.predict("exp", "team lunch at the noodle bar");
        engine.feedback(p.id(), FeedbackAction.CORRECT, "travel", null);
        engine.feedback(p.id(), FeedbackAction.CORRECT, "meals", null);
        assertThat(engine.examples("exp", 0, 10).items()).singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("meals"));
        assertThat(engine.prediction(p.id()).feedback().label()).isEqualTo("meals");
    }

    @Test
    void feedback_withLabelOutsideTaxonomy_isRefusedNamingTheKnownLabels() {
        createTask();
        Prediction p = engine.predict("exp", "hotel two nights");
        assertThatThrownBy(() -> engine.feedback(p.id(), FeedbackAction.CORRECT, "travl", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'travl'")
                .hasMessageContaining("travel, meals, software");
    }

    @Test
    void import_skipsAndReportsBadRows_andKeepsTheRest() {
        createTask();
        ImportResult result = engine.importExamples("exp",
                csv("text,label\nflight to Oslo,travel\n,meals\nsandwiches,food\nlicence renewal,software\n"),
                ImportOptions.of(ImportFormat.CSV));
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.errors()).extracting(ImportResult.RowError::line).containsExactly(3L, 4L);
        assertThat(result.errors().get(1).message()).contains("'food'").contains("add_labels");
    }

    @Test
    void import_withAddLabels_extendsTheTaxonomy() {
        createTask();
        ImportResult result = engine.importExamples("exp", csv("text,label\nprinter paper,office\n"),
                new ImportOptions(ImportFormat.CSV, null, null, true));
        assertThat(result.labelsAdded()).containsExactly("office");
        assertThat(engine.task("exp").labelNames()).contains("office");
    }

    @Test
    void removingALabelWithExamples_isAConflict_addingOneKeepsEverything() {
        createTask();
        engine.addExample("exp", "flight to Rome", "travel");
        assertThatThrownBy(() -> engine.updateLabels("exp", LABELS.subList(1, 3)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("travel");
        engine.updateLabels("exp", List.of(LABELS.get(0), LABELS.get(1), LABELS.get(2), new Label("office", null)));
        assertThat(engine.examples("exp", 0, 10).total()).isEqualTo(1);
    }

    @Test
    void training_withoutExamples_explainsWhatToDo() {
        createTask();
        assertThatThrownBy(() -> engine.trainAndWait("exp", "test"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("no validated examples");
    }

    @Test
    void textWithANulCharacter_isRefusedBeforeAnythingIsStored() {
        createTask();
        assertThatThrownBy(() -> engine.predict("exp", "lunch\0"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> engine.addExample("exp", "taxi\0", "travel"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(engine.examples("exp", 0, 10).total()).isZero();
    }

    @Test
    void unknownTask_isNotFound() {
        assertThatThrownBy(() -> engine.predict("nope", "x")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void demoTask_heldOutAccuracy_beatsTheGeneralLayerAlone() {
        DemoTask.load(engine);
        assertThat(engine.currentModel(DemoTask.TASK_ID)).isPresent();
        Evaluation holdout = engine.evaluateHoldout(DemoTask.TASK_ID, 0.25, 7);

        NewTask sameTaxonomy = DemoTask.newTask();
        engine.createTask(new NewTask("general-only", null, sameTaxonomy.labels(), null));
        Evaluation general = engine.evaluate("general-only", DemoTask.examplesCsv(), ImportOptions.of(ImportFormat.CSV));

        assertThat(general.answeredBy()).containsOnlyKeys(Layer.GENERAL);
        assertThat(holdout.n()).isGreaterThan(100);
        assertThat(holdout.answeredBy().getOrDefault(Layer.HYPERLOCAL, 0)).isGreaterThan(holdout.n() / 2);
        assertThat(holdout.accuracy()).isGreaterThan(general.accuracy());
    }

    @Test
    void enoughNewFeedback_retrainsInTheBackground_andTheNextPredictionUsesTheNewModel() throws Exception {
        engine.close();
        engine = StratumEngine.open(new EngineConfig(dir, java.time.Clock.systemUTC(), 10, 42L, true));
        engine.createTask(new NewTask("exp", "Expenses", LABELS, new TaskSettings(null, 3)));
        String[][] feedback = {{"flight to Oslo", "travel"}, {"pizza for the team", "meals"},
            {"IDE licence renewal", "software"}};
        for (String[] item : feedback) {
            Prediction p = engine.predict("exp", item[0]);
            engine.feedback(p.id(), FeedbackAction.CORRECT, item[1], null);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (engine.currentModel("exp").isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(20);
        }
        assertThat(engine.currentModel("exp")).get().satisfies(v -> {
            assertThat(v.provenance().trigger()).startsWith("auto: 3 new examples");
            assertThat(v.provenance().exampleCount()).isEqualTo(3);
        });
        assertThat(engine.lastTraining("exp")).get().extracting(TrainingRun::status)
                .isEqualTo(TrainingRun.Status.SUCCEEDED);
        assertThat(engine.predict("exp", "pizza for the team").modelVersion()).isEqualTo("exp-v1");
    }

    @Test
    void restart_keepsTasksExamplesModelsAndTheMemory() {
        createTask();
        engine.addExample("exp", "GITHOST subscription monthly", "software");
        engine.addExample("exp", "train ticket Paris Lyon", "travel");
        TrainingRun run = engine.trainAndWait("exp", "test");
        assertThat(run.status()).isEqualTo(TrainingRun.Status.SUCCEEDED);
        engine.close();

        engine = StratumEngine.open(new EngineConfig(dir, java.time.Clock.systemUTC(), 10, 42L, false));
        assertThat(engine.currentModel("exp")).get().extracting(v -> v.id()).isEqualTo("exp-v1");
        Prediction p = engine.predict("exp", "GITHOST subscription monthly");
        assertThat(p.source()).isEqualTo(Layer.HYPERLOCAL);
        assertThat(p.label()).isEqualTo("software");
    }

    @Test
    void aModelTrainedOnAnotherEncoder_isNotServed_andIsRetrainedOnStart() throws Exception {
        engine.close();
        EngineConfig general = new EngineConfig(dir, java.time.Clock.systemUTC(), 10, 42L, true).withEncoder("general");
        engine = StratumEngine.open(general);
        createTask();
        engine.addExample("exp", "GITHOST subscription monthly", "software");
        engine.addExample("exp", "train ticket Paris Lyon", "travel");
        assertThat(engine.trainAndWait("exp", "test").status()).isEqualTo(TrainingRun.Status.SUCCEEDED);
        assertThat(engine.currentModel("exp").orElseThrow().provenance().encoderIds())
                .containsExactly("all-minilm-l6-v2-q");
        engine.close();

        engine = StratumEngine.open(general.withEncoder("specific"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!engine.currentModel("exp").map(v -> v.id().equals("exp-v2")).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.currentModel("exp")).get().satisfies(v -> {
            assertThat(v.provenance().encoderIds()).containsExactly("bge-small-en-v1.5-q");
            assertThat(v.provenance().trigger()).isEqualTo("auto: the encoder changed to bge-small-en-v1.5-q");
        });
    }
}
