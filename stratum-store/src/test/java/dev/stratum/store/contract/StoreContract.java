package dev.stratum.store.contract;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Label;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture every store contract test shares: a fresh store per test, opened by the backend under test, plus
 * builders of valid records. A backend passes the contract by extending each {@code ...ContractTest} class.
 */
public abstract class StoreContract {
    /** A millisecond-precise instant: stores keep instants to the millisecond. */
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");

    /** The clock given to the store; rows without their own creation time get this instant. */
    protected static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);

    @TempDir
    protected Path dir;

    protected Store store;

    /** Opens the backend's store on {@code dir} (a backend without files may ignore it, but must keep data per dir). */
    protected abstract Store openStore(Path dir, Clock clock);

    @BeforeEach
    void openFreshStore() {
        store = openStore(dir, CLOCK);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same data. */
    protected Store reopen() {
        store.close();
        store = openStore(dir, CLOCK);
        return store;
    }

    protected static Task task(String id, String... labels) {
        List<Label> taxonomy = Arrays.stream(labels).map(name -> new Label(name, "texts about " + name)).toList();
        return new Task(id, "Task " + id, TaskKind.CLASSIFICATION, taxonomy, TaskSettings.DEFAULTS, T0, T0);
    }

    /** Stores and returns a task with the labels travel, meals and software. */
    protected Task storedTask(String id) {
        Task task = task(id, "travel", "meals", "software");
        store.tasks().insert(task);
        return task;
    }

    protected static Example example(String taskId, String text, String label) {
        return new Example(0, taskId, text, label, ExampleSource.IMPORT, null, T0);
    }

    protected static Prediction prediction(String id, String taskId, String text, String label) {
        return new Prediction(id, taskId, text, label, 0.8, Layer.GENERAL, "all-minilm-l6-v2-q",
                List.of(new LabelScore(label, 0.8), new LabelScore("other", 0.2)), 3.5, T0, null);
    }
}
