package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.GenerationAttempt;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.odd.OddRule;
import dev.stratum.api.store.FeedbackOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.PredictionStore} must do, feedback's atomicity included. */
public abstract class PredictionStoreContractTest extends StoreContract {

    private static Example fromFeedback(String taskId, String text, String label) {
        return new Example(0, taskId, text, label, ExampleSource.FEEDBACK, null, T0.plusSeconds(5));
    }

    @Test
    void insertAll_thenFind_roundTripsEveryField() {
        storedTask("expenses");
        Prediction p = prediction("p1", "expenses", "Uber to the airport", "travel");
        Prediction withFeedback = prediction("p2", "expenses", "Team lunch", "meals")
                .withFeedback(new Feedback(FeedbackAction.CORRECT, "travel", "was a trip", T0.plusSeconds(9)));

        store.predictions().insertAll(List.of(p, withFeedback));

        assertThat(store.predictions().find("p1")).contains(p);
        assertThat(store.predictions().find("p2")).contains(withFeedback);
        assertThat(store.predictions().find("p3")).isEmpty();
    }

    @Test
    void insertAll_thenFind_roundTripsTheOddCheck() {
        storedTask("expenses");
        OddCheck abstained = new OddCheck(false, OddRule.LOW_CONFIDENCE, OddAction.REVIEW, "two labels remain plausible",
                List.of(new LabelScore("travel", 0.5), new LabelScore("meals", 0.4)), 3, "rv_1",
                Map.of("entropy", 0.9, "ood_score", 0.2));
        Prediction p = prediction("p1", "expenses", "Uber to the airport", "travel").withOdd(abstained);
        Prediction inside = prediction("p2", "expenses", "Team lunch", "meals")
                .withOdd(new OddCheck(true, null, null, null, List.of(new LabelScore("meals", 0.97)), 3, null,
                        Map.of("entropy", 0.1)));

        store.predictions().insertAll(List.of(p, inside));

        assertThat(store.predictions().find("p1")).contains(p);
        assertThat(store.predictions().find("p2")).contains(inside);
    }

    @Test
    void generatedOutput_longerThanAnyLabel_roundTripsWithItsAttempts() {
        storedTask("expenses");
        String output = "{\"summary\": \"" + "a long generated answer ".repeat(40) + "\"}";
        List<GenerationAttempt> attempts = List.of(new GenerationAttempt(1, 1, "{oops", "not JSON", 120.5),
                new GenerationAttempt(2, 1, output, null, 98.25));
        Prediction p = new Prediction("p1", "expenses", "the input", output, 1.0, Layer.GENERAL, "llm:gpt/v1",
                List.of(new LabelScore(output, 1.0)), 220.0, T0, null, null, attempts);

        store.predictions().insertAll(List.of(p));
        store.predictions().recordFeedback("p1", new Feedback(FeedbackAction.ACCEPT, output, null, T0),
                new Example(0, "expenses", "the input", output, ExampleSource.FEEDBACK, "p1", T0));

        assertThat(store.predictions().find("p1")).get().satisfies(found -> {
            assertThat(found.label()).isEqualTo(output);
            assertThat(found.attempts()).isEqualTo(attempts);
            assertThat(found.feedback().label()).isEqualTo(output);
        });
        assertThat(store.examples().all("expenses")).extracting(Example::label).containsExactly(output);
    }

    @Test
    void count_countsThePredictionsOfOneTask() {
        storedTask("a");
        storedTask("b");
        store.predictions().insertAll(List.of(prediction("p1", "a", "x", "travel"), prediction("p2", "a", "y", "meals"),
                prediction("p3", "b", "z", "travel")));

        assertThat(store.predictions().count("a")).isEqualTo(2);
        assertThat(store.predictions().count("none")).isZero();
    }

    @Test
    void insertAll_duplicateId_throwsConflict() {
        storedTask("a");
        store.predictions().insertAll(List.of(prediction("p1", "a", "x", "travel")));

        assertThatThrownBy(() -> store.predictions().insertAll(List.of(prediction("p1", "a", "other", "meals"))))
                .isInstanceOf(ConflictException.class);
        assertThat(store.predictions().find("p1").orElseThrow().text()).isEqualTo("x");
    }

    @Test
    void recordFeedback_accept_storesFeedbackAndAddsAnExampleLinkedToThePrediction() {
        storedTask("expenses");
        store.predictions().insertAll(List.of(prediction("p1", "expenses", "Uber", "travel")));
        Feedback accept = new Feedback(FeedbackAction.ACCEPT, "travel", null, T0.plusSeconds(5));

        FeedbackOutcome outcome =
                store.predictions().recordFeedback("p1", accept, fromFeedback("expenses", "Uber", "travel"));

        assertThat(outcome.replacedExampleId()).isNull();
        assertThat(outcome.added().id()).isPositive();
        assertThat(outcome.added().predictionId()).isEqualTo("p1");
        assertThat(outcome.added().label()).isEqualTo("travel");
        assertThat(store.examples().all("expenses")).containsExactly(outcome.added());
        assertThat(store.predictions().find("p1").orElseThrow().feedback()).isEqualTo(accept);
    }

    @Test
    void recordFeedback_again_replacesTheExampleTheEarlierFeedbackCreated() {
        storedTask("expenses");
        store.predictions().insertAll(List.of(prediction("p1", "expenses", "Uber", "travel")));
        Example unrelated = store.examples().insertAll(List.of(example("expenses", "Hotel", "travel"))).getFirst();
        FeedbackOutcome first = store.predictions().recordFeedback("p1",
                new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), fromFeedback("expenses", "Uber", "travel"));
        Feedback correct = new Feedback(FeedbackAction.CORRECT, "meals", "Uber Eats", T0.plusSeconds(60));

        FeedbackOutcome second =
                store.predictions().recordFeedback("p1", correct, fromFeedback("expenses", "Uber", "meals"));

        assertThat(second.replacedExampleId()).isEqualTo(first.added().id());
        assertThat(store.examples().all("expenses")).containsExactly(unrelated, second.added());
        assertThat(store.predictions().find("p1").orElseThrow().feedback()).isEqualTo(correct);
    }

    @Test
    void recordFeedback_reject_removesTheEarlierExampleAndAddsNone() {
        storedTask("expenses");
        store.predictions().insertAll(List.of(prediction("p1", "expenses", "Uber", "travel")));
        FeedbackOutcome first = store.predictions().recordFeedback("p1",
                new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), fromFeedback("expenses", "Uber", "travel"));

        FeedbackOutcome reject = store.predictions().recordFeedback("p1",
                new Feedback(FeedbackAction.REJECT, null, "not an expense", T0.plusSeconds(1)), null);

        assertThat(reject).isEqualTo(new FeedbackOutcome(null, first.added().id()));
        assertThat(store.examples().count("expenses")).isZero();
    }

    @Test
    void recordFeedback_unknownPrediction_throwsNotFoundAndAddsNoExample() {
        storedTask("expenses");

        assertThatThrownBy(() -> store.predictions().recordFeedback("nope",
                        new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), fromFeedback("expenses", "x", "travel")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("prediction 'nope' does not exist")
                .extracting(e -> ((NotFoundException) e).code())
                .isEqualTo("prediction_not_found");
        assertThat(store.examples().count("expenses")).isZero();
    }

    @Test
    void recordFeedback_whoseExampleCannotBeStored_changesNothing() {
        storedTask("expenses");
        store.predictions().insertAll(List.of(prediction("p1", "expenses", "Uber", "travel")));
        Feedback accept = new Feedback(FeedbackAction.ACCEPT, "travel", null, T0);
        FeedbackOutcome first =
                store.predictions().recordFeedback("p1", accept, fromFeedback("expenses", "Uber", "travel"));

        assertThatThrownBy(() -> store.predictions().recordFeedback("p1",
                        new Feedback(FeedbackAction.CORRECT, "meals", null, T0.plusSeconds(1)),
                        fromFeedback("ghost-task", "Uber", "meals")))
                .isInstanceOf(NotFoundException.class);

        assertThat(store.predictions().find("p1").orElseThrow().feedback()).isEqualTo(accept);
        assertThat(store.examples().all("expenses")).containsExactly(first.added());
    }
}
