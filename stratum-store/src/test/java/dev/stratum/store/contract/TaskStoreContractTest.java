package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Label;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.TaskStore} must do. */
public abstract class TaskStoreContractTest extends StoreContract {

    @Test
    void insert_thenFind_returnsAnEqualTask() {
        Task task = new Task("expenses", "Expenses", TaskKind.CLASSIFICATION,
                List.of(new Label("travel", "flights, trains, hotels"), new Label("meals", null)),
                new TaskSettings(0.7, 25), T0, T0.plusMillis(1));

        store.tasks().insert(task);

        assertThat(store.tasks().find("expenses")).contains(task);
    }

    @Test
    void generationTask_roundTripsItsInstructions_andUpdatesThem() {
        Task task = new Task("summaries", "Summaries", TaskKind.GENERATION, List.of(), TaskSettings.DEFAULTS, T0, T0,
                "Summarise the ticket in one sentence.");
        store.tasks().insert(task);
        Task changed = new Task("summaries", "Summaries", TaskKind.GENERATION, List.of(), TaskSettings.DEFAULTS, T0,
                T0.plusMillis(5), "Summarise the ticket in two sentences.");

        store.tasks().update(changed);

        assertThat(store.tasks().find("summaries")).contains(changed);
    }

    @Test
    void find_unknownTask_isEmpty() {
        assertThat(store.tasks().find("nope")).isEmpty();
    }

    @Test
    void insert_existingId_throwsConflictNamingTheTaskAndTheWayOut() {
        storedTask("expenses");

        assertThatThrownBy(() -> store.tasks().insert(task("expenses", "other")))
                .isInstanceOf(ConflictException.class)
                .hasMessage("task 'expenses' already exists; choose another id or update it with"
                        + " PUT /v1/tasks/expenses/labels")
                .extracting(e -> ((ConflictException) e).code())
                .isEqualTo("task_exists");
        assertThat(store.tasks().find("expenses").orElseThrow().labelNames()).containsExactly("travel", "meals",
                "software");
    }

    @Test
    void list_returnsAllTasksOrderedById() {
        storedTask("zeta");
        storedTask("alpha");
        storedTask("mid");

        assertThat(store.tasks().list()).extracting(Task::id).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void list_noTasks_isEmpty() {
        assertThat(store.tasks().list()).isEmpty();
    }

    @Test
    void update_replacesNameLabelsSettingsAndUpdatedAt_butKeepsCreatedAt() {
        Task original = storedTask("expenses");
        Task changed = new Task("expenses", "Company expenses", original.kind(),
                List.of(new Label("travel", "trips"), new Label("meals", null), new Label("hardware", "laptops")),
                new TaskSettings(0.9, 0), T0.minusSeconds(999), T0.plusSeconds(60));

        store.tasks().update(changed);

        Task found = store.tasks().find("expenses").orElseThrow();
        assertThat(found.name()).isEqualTo("Company expenses");
        assertThat(found.labels()).isEqualTo(changed.labels());
        assertThat(found.settings()).isEqualTo(new TaskSettings(0.9, 0));
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(found.createdAt()).isEqualTo(original.createdAt());
    }

    @Test
    void update_unknownTask_throwsNotFound() {
        assertThatThrownBy(() -> store.tasks().update(task("ghost", "a")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("task 'ghost' does not exist");
        assertThat(store.tasks().find("ghost")).isEmpty();
    }
}
