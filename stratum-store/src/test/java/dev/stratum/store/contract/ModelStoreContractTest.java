package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Provenance;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.ModelStore} must do. */
public abstract class ModelStoreContractTest extends StoreContract {

    private static ModelVersion version(String taskId, int n, boolean current) {
        Provenance provenance = new Provenance("sha256:abc" + n, 120 + n, List.of("all-minilm-l6-v2-q"),
                Map.of("epochs", 30, "learningRate", 0.05, "optimizer", "adam"), 42L, "0.1.0", "api");
        return new ModelVersion(taskId + "-v" + n, taskId, n, "hyperlocal-knn-softmax", current,
                T0.plusSeconds(n), provenance, Map.of("holdoutAccuracy", 0.9 + n / 100.0));
    }

    @Test
    void insert_thenFind_roundTripsProvenanceAndMetrics() {
        storedTask("expenses");
        ModelVersion v1 = version("expenses", 1, true);

        store.models().insert(v1, new byte[] {1, 2, 3});

        assertThat(store.models().find("expenses-v1")).contains(v1);
        assertThat(store.models().find("expenses-v9")).isEmpty();
    }

    @Test
    void insert_currentVersion_becomesTheOnlyCurrentOne() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});

        store.models().insert(version("expenses", 2, true), new byte[] {2});

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v2");
        assertThat(store.models().find("expenses-v1").orElseThrow().current()).isFalse();
    }

    @Test
    void insert_notCurrentVersion_leavesTheCurrentOneAlone() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});

        store.models().insert(version("expenses", 2, false), new byte[] {2});

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v1");
    }

    @Test
    void current_taskWithoutModels_isEmpty() {
        storedTask("expenses");

        assertThat(store.models().current("expenses")).isEmpty();
        assertThat(store.models().list("expenses")).isEmpty();
    }

    @Test
    void list_returnsTheTasksVersionsNewestFirst() {
        storedTask("a");
        storedTask("b");
        store.models().insert(version("a", 1, false), new byte[0]);
        store.models().insert(version("a", 3, true), new byte[0]);
        store.models().insert(version("a", 2, false), new byte[0]);
        store.models().insert(version("b", 1, true), new byte[0]);

        assertThat(store.models().list("a")).extracting(ModelVersion::version).containsExactly(3, 2, 1);
    }

    @Test
    void setCurrent_switchesTheCurrentVersion() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, false), new byte[0]);
        store.models().insert(version("expenses", 2, true), new byte[0]);

        store.models().setCurrent("expenses", "expenses-v1");

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v1");
        assertThat(store.models().list("expenses")).filteredOn(ModelVersion::current).hasSize(1);
    }

    @Test
    void setCurrent_versionOfAnotherTaskOrUnknown_throwsNotFoundAndKeepsTheCurrentOne() {
        storedTask("a");
        storedTask("b");
        store.models().insert(version("a", 1, true), new byte[0]);
        store.models().insert(version("b", 1, true), new byte[0]);

        assertThatThrownBy(() -> store.models().setCurrent("a", "b-v1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.models().setCurrent("a", "a-v7"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'a-v7'");
        assertThat(store.models().current("a")).map(ModelVersion::id).contains("a-v1");
        assertThat(store.models().current("b")).map(ModelVersion::id).contains("b-v1");
    }

    @Test
    void artifact_roundTripsEveryByte() {
        storedTask("expenses");
        byte[] artifact = new byte[300_000];
        for (int i = 0; i < artifact.length; i++) {
            artifact[i] = (byte) (i * 31 + 7);
        }
        store.models().insert(version("expenses", 1, true), artifact);

        assertThat(store.models().artifact("expenses-v1")).isEqualTo(artifact);
    }

    @Test
    void artifact_unknownVersion_throwsNotFound() {
        assertThatThrownBy(() -> store.models().artifact("ghost-v1"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost-v1'");
    }

    @Test
    void calibration_isStoredWithTheVersion() {
        storedTask("expenses");
        String calibration = "{\"temperature\": 1.3, \"scores\": [0.1, 0.25]}";
        store.models().insert(version("expenses", 1, false), new byte[] {1});
        store.models().insert(version("expenses", 2, true), new byte[] {2}, calibration);

        assertThat(store.models().calibration("expenses-v1")).isEmpty();
        assertThat(store.models().calibration("expenses-v2")).contains(calibration);
        assertThatThrownBy(() -> store.models().calibration("ghost-v1")).isInstanceOf(NotFoundException.class);
    }

    private static ModelVersion candidate(String taskId, int n) {
        return version(taskId, n, false).withState(ModelState.CANDIDATE);
    }

    private static StateChange change(String versionId, ModelState from, ModelState to, int second) {
        return new StateChange(versionId, from, to, "alice", "because " + to.wireName(), T0.plusSeconds(second));
    }

    @Test
    void insert_candidate_hasThatStateAndNoHistory() {
        storedTask("expenses");
        store.models().insert(candidate("expenses", 1), new byte[] {1}, null, "{\"passed\":true}");

        ModelVersion found = store.models().find("expenses-v1").orElseThrow();
        assertThat(found.state()).isEqualTo(ModelState.CANDIDATE);
        assertThat(found.current()).isFalse();
        assertThat(store.models().history("expenses-v1")).isEmpty();
        assertThat(store.models().gateReport("expenses-v1")).contains("{\"passed\":true}");
        assertThat(store.models().current("expenses")).isEmpty();
    }

    @Test
    void insert_production_retiresThePreviousOneAndRecordsBoth() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});
        store.models().insert(version("expenses", 2, true), new byte[] {2});

        assertThat(store.models().find("expenses-v1").orElseThrow().state()).isEqualTo(ModelState.RETIRED);
        assertThat(store.models().history("expenses-v1")).extracting(StateChange::to)
                .containsExactly(ModelState.PRODUCTION, ModelState.RETIRED);
        assertThat(store.models().history("expenses-v2")).singleElement()
                .satisfies(c -> assertThat(c.from()).isEqualTo(ModelState.CANDIDATE))
                .satisfies(c -> assertThat(c.actor()).isEqualTo("store"));
        assertThat(store.models().gateReport("expenses-v2")).isEmpty();
    }

    @Test
    void changeStates_promotionInOneCall_switchesTheCurrentVersionAndRecordsWhoWhenAndWhy() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});
        store.models().insert(candidate("expenses", 2), new byte[] {2});

        store.models().changeStates(List.of(
                change("expenses-v2", ModelState.CANDIDATE, ModelState.SHADOW, 10)));
        store.models().changeStates(List.of(
                change("expenses-v1", ModelState.PRODUCTION, ModelState.RETIRED, 20),
                change("expenses-v2", ModelState.SHADOW, ModelState.PRODUCTION, 20)));

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v2");
        assertThat(store.models().find("expenses-v1").orElseThrow().state()).isEqualTo(ModelState.RETIRED);
        assertThat(store.models().history("expenses-v2")).containsExactly(
                change("expenses-v2", ModelState.CANDIDATE, ModelState.SHADOW, 10),
                change("expenses-v2", ModelState.SHADOW, ModelState.PRODUCTION, 20));
    }

    @Test
    void changeStates_fromAStateTheVersionIsNotIn_throwsConflictAndChangesNothing() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});
        store.models().insert(candidate("expenses", 2), new byte[] {2});

        assertThatThrownBy(() -> store.models().changeStates(List.of(
                        change("expenses-v1", ModelState.PRODUCTION, ModelState.RETIRED, 20),
                        change("expenses-v2", ModelState.SHADOW, ModelState.PRODUCTION, 20))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("expenses-v2 is candidate, not shadow");

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v1");
        assertThat(store.models().history("expenses-v1")).hasSize(1);
        assertThat(store.models().history("expenses-v2")).isEmpty();
    }

    @Test
    void changeStates_secondProductionWithoutRetiringTheFirst_throwsConflictAndChangesNothing() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[] {1});
        store.models().insert(candidate("expenses", 2), new byte[] {2});

        assertThatThrownBy(() -> store.models().changeStates(List.of(
                        change("expenses-v2", ModelState.CANDIDATE, ModelState.PRODUCTION, 20))))
                .isInstanceOf(ConflictException.class);

        assertThat(store.models().current("expenses")).map(ModelVersion::id).contains("expenses-v1");
        assertThat(store.models().find("expenses-v2").orElseThrow().state()).isEqualTo(ModelState.CANDIDATE);
    }

    @Test
    void changeStates_unknownVersion_throwsNotFound() {
        assertThatThrownBy(() -> store.models().changeStates(List.of(
                        change("ghost-v1", ModelState.CANDIDATE, ModelState.SHADOW, 1))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost-v1'");
        assertThatThrownBy(() -> store.models().history("ghost-v1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void setCurrent_recordsTheSwitchInBothHistories() {
        storedTask("expenses");
        store.models().insert(version("expenses", 1, true), new byte[0]);
        store.models().insert(version("expenses", 2, true), new byte[0]);

        store.models().setCurrent("expenses", "expenses-v1");

        assertThat(store.models().history("expenses-v1")).extracting(StateChange::to)
                .containsExactly(ModelState.PRODUCTION, ModelState.RETIRED, ModelState.PRODUCTION);
        assertThat(store.models().history("expenses-v2")).extracting(StateChange::to)
                .containsExactly(ModelState.PRODUCTION, ModelState.RETIRED);
        assertThat(store.models().find("expenses-v2").orElseThrow().state()).isEqualTo(ModelState.RETIRED);
    }
}
