package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Layer;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.analysis.AnalysisRun;
import dev.stratum.api.analysis.ConfidentPredictions;
import dev.stratum.api.analysis.ConfusionSummary;
import dev.stratum.api.analysis.DuplicateConflicts;
import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.analysis.ExampleConfirmation;
import dev.stratum.api.analysis.ExplainedPrediction;
import dev.stratum.api.analysis.LabelFix;
import dev.stratum.api.analysis.LabelLosses;
import dev.stratum.api.analysis.SuspectExample;
import dev.stratum.demo.DemoTask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error analysis through a real engine (SQLite, Lucene, the bundled encoder) on the demo task's 502 examples, with
 * labels planted wrong: the analysis must list them first, and fixing and confirming must reach the store and the
 * memory.
 */
class ErrorAnalysisTest {
    /** Two clear texts given wrong labels, and a copy of a third under another label. */
    private static final String STAMPS = "\"Postage stamps, 100 first clas\"";
    private static final String AIRLINE = "NORDLAKE AIRLINES ticket 2281907733";
    private static final String RENT = "\"Office rent - May  GBP 6,250.00\"";
    private static final AtomicInteger TASKS = new AtomicInteger();

    @TempDir
    static Path dir;

    private static StratumEngine engine;
    private static ErrorAnalysisService analysis;

    @BeforeAll
    static void open() {
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, false));
        analysis = engine.analysis();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** A demo task whose stamps are labelled airfare, whose airline ticket is labelled rent, and whose rent is twice. */
    private static String plantedTask() {
        String task = "planted-" + TASKS.incrementAndGet();
        NewTask demo = DemoTask.newTask();
        engine.createTask(new NewTask(task, demo.name(), demo.labels(), new TaskSettings(null, 0)));
        String csv;
        try (InputStream in = DemoTask.examplesCsv()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csv = csv.replace(STAMPS + ",shipping/postage", STAMPS + ",travel/airfare")
                .replace(AIRLINE + ",travel/airfare", AIRLINE + ",facilities/rent")
                + RENT + ",facilities/utilities\n";
        engine.importExamples(task, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ImportOptions.of(ImportFormat.CSV));
        return task;
    }

    /** Asks until the background analysis is ready; a run of 503 examples takes seconds, minutes on a busy machine. */
    private static LabelLosses ready(String task, boolean includeConfirmed) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            LabelLosses losses = analysis.losses(task, 0, 600, includeConfirmed);
            assertThat(losses.run().status()).isNotEqualTo(AnalysisRun.Status.FAILED);
            if (losses.run().status() == AnalysisRun.Status.READY) {
                return losses;
            }
            assertThat(losses.run().done()).isBetween(0, losses.run().total());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the analysis of " + task + " is not ready after 10 minutes: " + losses.run());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static SuspectExample listed(LabelLosses losses, String text) {
        return losses.items().stream().filter(s -> s.text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void losses_listPlantedLabelErrorsFirst_fixChangesStoreAndMemory_confirmStopsListingIt() {
        String task = plantedTask();
        LabelLosses first = analysis.losses(task, 0, 10, false);
        assertThat(first.run().status()).isIn(AnalysisRun.Status.COMPUTING, AnalysisRun.Status.READY);
        assertThat(first.run().total()).isEqualTo(11);

        LabelLosses losses = ready(task, false);

        assertThat(losses.listed()).isEqualTo(503);
        assertThat(losses.items()).extracting(SuspectExample::loss).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        SuspectExample stamps = listed(losses, "Postage stamps, 100 first clas");
        SuspectExample airline = listed(losses, AIRLINE);
        assertThat(losses.items().subList(0, 10)).contains(stamps, airline);
        assertThat(stamps.flagged()).isTrue();
        assertThat(stamps.suggestedLabel()).isEqualTo("shipping/postage");
        assertThat(airline.suggestedLabel()).isEqualTo("travel/airfare");
        assertThat(analysis.unconfirmedSuspects(task)).contains(stamps.exampleId(), airline.exampleId());

        LabelFix fix = analysis.fixLabel(task, stamps.exampleId(), "shipping/postage", "ana");

        assertThat(fix.previousLabel()).isEqualTo("travel/airfare");
        assertThat(fix.example().id()).isGreaterThan(stamps.exampleId());
        assertThat(engine.store().examples().find(task, stamps.exampleId())).isEmpty();
        assertThat(engine.store().examples().find(task, fix.example().id()).map(Example::label))
                .contains("shipping/postage");
        Prediction again = engine.predict(task, "Postage stamps, 100 first clas");
        assertThat(again.source()).isEqualTo(Layer.HYPERLOCAL);
        assertThat(again.label()).as("the memory answers with the fixed label").isEqualTo("shipping/postage");

        ExampleConfirmation confirmation = analysis.confirm(task, airline.exampleId(), "ana");

        assertThat(confirmation.label()).isEqualTo("facilities/rent");
        LabelLosses after = analysis.losses(task, 0, 600, false);
        assertThat(after.run().status()).as("fixing one label does not restart the analysis")
                .isEqualTo(AnalysisRun.Status.READY);
        assertThat(after.items()).extracting(SuspectExample::exampleId)
                .doesNotContain(stamps.exampleId(), airline.exampleId());
        assertThat(after.listed()).isEqualTo(501);
        assertThat(listed(analysis.losses(task, 0, 600, true), AIRLINE).confirmed()).isTrue();
        assertThat(analysis.unconfirmedSuspects(task)).doesNotContain(stamps.exampleId(), airline.exampleId());
        assertThat(engine.store().examples().confirmedIds(task))
                .containsExactlyInAnyOrder(fix.example().id(), airline.exampleId());
    }

    @Test
    void confusionAndDuplicates_comeFromTheSameAnalysis() {
        String task = plantedTask();
        ready(task, false);

        ConfusionSummary confusion = analysis.confusion(task, 5);
        DuplicateConflicts duplicates = analysis.duplicates(task, 10);

        assertThat(confusion.labels()).hasSize(20);
        assertThat(confusion.counts().stream().flatMap(List::stream).mapToInt(Integer::intValue).sum()).isEqualTo(503);
        assertThat(confusion.pairs()).hasSize(5);
        assertThat(confusion.pairs().getFirst().total()).isGreaterThanOrEqualTo(confusion.pairs().get(4).total());
        assertThat(confusion.pairs().getFirst().examples()).isNotEmpty();
        assertThat(duplicates.threshold()).isEqualTo(0.985);
        assertThat(duplicates.pairs()).anySatisfy(pair -> {
            assertThat(pair.first().text()).isEqualTo("Office rent - May  GBP 6,250.00");
            assertThat(pair.second().text()).isEqualTo(pair.first().text());
            assertThat(List.of(pair.first().label(), pair.second().label()))
                    .containsExactly("facilities/rent", "facilities/utilities");
        });
    }

    @Test
    void confidentPredictions_areSortedAndExplainedByNeighboursAndWords() {
        String task = plantedTask();
        for (String text : List.of("Marriott hotel 2 nights Chicago", "Team lunch after the release",
                "AWS monthly bill", "Uber to the airport")) {
            engine.predict(task, text);
        }

        ConfidentPredictions confident = analysis.confidentPredictions(task, 3);

        assertThat(confident.scanned()).isEqualTo(4);
        assertThat(confident.items()).hasSize(3).extracting(ExplainedPrediction::confidence)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        ExplainedPrediction top = confident.items().getFirst();
        assertThat(top.neighbours()).hasSize(5);
        assertThat(top.words()).isNotEmpty();
        assertThat(top.words().getFirst().drop()).isGreaterThanOrEqualTo(top.words().getLast().drop());
    }

    @Test
    void rejectedInputs_thatAreAlike_becomeACandidateLabel() {
        String task = plantedTask();
        for (String text : List.of("Gym membership for March", "Monthly gym membership fee",
                "Fitness club membership renewal", "Gym membership - annual", "Yoga studio monthly membership")) {
            Prediction p = engine.predict(task, text);
            engine.feedback(p.id(), FeedbackAction.REJECT, null, null);
        }

        var suggestions = analysis.labelSuggestions(task, 3);

        assertThat(suggestions.inputs()).isEqualTo(5);
        assertThat(suggestions.cohesionThreshold()).isNotNull();
        assertThat(suggestions.candidates()).as(suggestions.message() == null ? "" : suggestions.message())
                .hasSize(1);
        assertThat(suggestions.candidates().getFirst().members()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(m -> assertThat(m.origin()).isEqualTo("rejected"));
        assertThat(suggestions.candidates().getFirst().terms()).contains("membership");
    }

    @Test
    void fixAndConfirm_refuseWhatCannotBeDone_withMessagesThatSayWhatToDo() {
        String task = plantedTask();
        Example some = engine.store().examples().all(task).getFirst();

        assertThatThrownBy(() -> analysis.fixLabel(task, some.id(), "travel/airfare-typo", "ana"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("travel/airfare");
        assertThatThrownBy(() -> analysis.fixLabel(task, some.id(), some.label(), "ana"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("confirm it instead");
        assertThatThrownBy(() -> analysis.confirm(task, 999_999, "ana"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("reload the list");

        engine.createTask(new NewTask("tiny", null, DemoTask.newTask().labels(), new TaskSettings(null, 0)));
        assertThatThrownBy(() -> analysis.losses("tiny", 0, 10, false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("needs at least 10 examples");
    }
}
