package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Prediction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every store must do for error analysis: correct an example's label as a new example, keep a person's
 * confirmation of a label, and list a task's newest predictions.
 */
public abstract class ExampleReviewContractTest extends StoreContract {
    private static final Instant LATER = T0.plusSeconds(7200);

    @Test
    void relabel_replacesTheExampleByANewConfirmedOneWithTheSameTextSourceAndPrediction() {
        storedTask("expenses");
        store.predictions().insertAll(List.of(prediction("pr_1", "expenses", "taxi to the airport", "meals")));
        Example given = new Example(0, "expenses", "taxi to the airport", "meals", ExampleSource.FEEDBACK, "pr_1", T0);
        Example old = store.examples().insertAll(List.of(given)).getFirst();
        Example other = store.examples().insertAll(List.of(example("expenses", "lunch", "meals"))).getFirst();

        Example fixed = store.examples().relabel("expenses", old.id(), "travel", "ana", LATER).orElseThrow();

        assertThat(fixed.id()).isGreaterThan(other.id());
        assertThat(fixed).isEqualTo(new Example(fixed.id(), "expenses", "taxi to the airport", "travel",
                ExampleSource.FEEDBACK, "pr_1", LATER));
        assertThat(store.examples().find("expenses", old.id())).isEmpty();
        assertThat(store.examples().all("expenses")).containsExactly(other, fixed);
        assertThat(store.examples().countAfter("expenses", other.id())).isEqualTo(1);
        assertThat(store.examples().confirmedIds("expenses")).containsExactly(fixed.id());
    }

    @Test
    void relabel_unknownExample_changesNothing() {
        storedTask("expenses");
        Example kept = store.examples().insertAll(List.of(example("expenses", "lunch", "meals"))).getFirst();

        assertThat(store.examples().relabel("expenses", kept.id() + 1, "travel", "ana", LATER)).isEmpty();
        assertThat(store.examples().relabel("other-task", kept.id(), "travel", "ana", LATER)).isEmpty();
        assertThat(store.examples().all("expenses")).containsExactly(kept);
        assertThat(store.examples().confirmedIds("expenses")).isEmpty();
    }

    @Test
    void confirm_marksOnlyThatExample_andSurvivesAReopen() {
        storedTask("expenses");
        storedTask("tickets");
        List<Example> stored = store.examples().insertAll(List.of(example("expenses", "lunch", "meals"),
                example("expenses", "taxi", "travel")));
        Example elsewhere = store.examples().insertAll(List.of(example("tickets", "taxi", "travel"))).getFirst();

        assertThat(store.examples().confirm("expenses", stored.get(1).id(), "ana", LATER)).isTrue();
        assertThat(store.examples().confirm("expenses", elsewhere.id(), "ana", LATER)).isFalse();

        assertThat(reopen().examples().confirmedIds("expenses")).containsExactly(stored.get(1).id());
        assertThat(store.examples().confirmedIds("tickets")).isEmpty();
        assertThat(store.examples().all("expenses")).isEqualTo(stored);
    }

    @Test
    void recent_listsTheTasksNewestPredictionsFirst_upToTheLimit() {
        storedTask("expenses");
        storedTask("tickets");
        for (int i = 0; i < 5; i++) {
            Prediction p = prediction("pr_" + i, "expenses", "text " + i, "meals");
            store.predictions().insertAll(List.of(new Prediction(p.id(), p.taskId(), p.text(), p.label(),
                    p.confidence(), p.source(), p.modelVersion(), p.scores(), p.latencyMs(), T0.plusSeconds(i), null)));
        }
        store.predictions().insertAll(List.of(prediction("pr_other", "tickets", "text", "travel")));

        assertThat(store.predictions().recent("expenses", 3)).extracting(Prediction::id)
                .containsExactly("pr_4", "pr_3", "pr_2");
        assertThat(store.predictions().recent("expenses", 10)).hasSize(5);
        assertThat(store.predictions().recent("nobody", 10)).isEmpty();
    }
}
