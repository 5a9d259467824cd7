package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.Example;
import dev.stratum.api.ExamplePage;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.NotFoundException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.ExampleStore} must do. */
public abstract class ExampleStoreContractTest extends StoreContract {

    private List<Example> insertNumbered(String taskId, int n) {
        return store.examples().insertAll(IntStream.range(0, n)
                .mapToObj(i -> example(taskId, "text " + i, i % 2 == 0 ? "travel" : "meals"))
                .toList());
    }

    @Test
    void insertAll_assignsIncreasingIdsInOrder_andReturnsTheStoredExamples() {
        storedTask("expenses");

        List<Example> stored = insertNumbered("expenses", 5);

        assertThat(stored).extracting(Example::id).isSorted().doesNotHaveDuplicates().allMatch(id -> id > 0);
        assertThat(stored).extracting(Example::text).containsExactly("text 0", "text 1", "text 2", "text 3", "text 4");
        assertThat(store.examples().all("expenses")).isEqualTo(stored);
        assertThat(store.examples().find("expenses", stored.get(2).id())).contains(stored.get(2));
    }

    @Test
    void insertAll_exampleWithoutCreationTime_getsTheClocksTime() {
        storedTask("expenses");

        Example stored = store.examples().insertAll(List.of(
                new Example(0, "expenses", "taxi", "travel", ExampleSource.API, null, null))).getFirst();

        assertThat(stored.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(store.examples().find("expenses", stored.id()).orElseThrow().createdAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void insertAll_unknownTask_throwsNotFoundAndStoresNothing() {
        storedTask("expenses");

        assertThatThrownBy(() -> store.examples().insertAll(List.of(
                        example("expenses", "taxi", "travel"), example("ghost", "lunch", "meals"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("task 'ghost' does not exist");
        assertThat(store.examples().count("expenses")).isZero();
    }

    @Test
    void insertAll_emptyList_returnsEmpty() {
        assertThat(store.examples().insertAll(List.of())).isEmpty();
    }

    @Test
    void page_returnsTheSliceInInsertionOrder_withTheTotal() {
        storedTask("expenses");
        List<Example> stored = insertNumbered("expenses", 7);

        ExamplePage page = store.examples().page("expenses", 2, 3);

        assertThat(page.items()).isEqualTo(stored.subList(2, 5));
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.offset()).isEqualTo(2);
        assertThat(page.limit()).isEqualTo(3);
        assertThat(store.examples().page("expenses", 6, 10).items()).containsExactly(stored.get(6));
        assertThat(store.examples().page("expenses", 10, 10).items()).isEmpty();
    }

    @Test
    void countCountAfterAndMaxId_areScopedToTheTask() {
        storedTask("a");
        storedTask("b");
        List<Example> inA = insertNumbered("a", 4);
        insertNumbered("b", 3);

        assertThat(store.examples().count("a")).isEqualTo(4);
        assertThat(store.examples().count("b")).isEqualTo(3);
        assertThat(store.examples().countAfter("a", inA.get(1).id())).isEqualTo(2);
        assertThat(store.examples().countAfter("a", 0)).isEqualTo(4);
        assertThat(store.examples().maxId("a")).isEqualTo(inA.get(3).id());
        assertThat(store.examples().maxId("none")).isZero();
        assertThat(store.examples().count("none")).isZero();
    }

    @Test
    void delete_removesOnlyThatExample_andReportsWhetherItExisted() {
        storedTask("a");
        storedTask("b");
        List<Example> inA = insertNumbered("a", 3);

        assertThat(store.examples().delete("b", inA.get(1).id())).isFalse();
        assertThat(store.examples().delete("a", inA.get(1).id())).isTrue();
        assertThat(store.examples().delete("a", inA.get(1).id())).isFalse();

        assertThat(store.examples().all("a")).containsExactly(inA.get(0), inA.get(2));
        assertThat(store.examples().find("a", inA.get(1).id())).isEmpty();
    }

    @Test
    void delete_newestExample_doesNotLetItsIdBeReused() {
        storedTask("a");
        List<Example> first = insertNumbered("a", 2);
        store.examples().delete("a", first.get(1).id());

        Example next = store.examples().insertAll(List.of(example("a", "later", "travel"))).getFirst();

        assertThat(next.id()).isGreaterThan(first.get(1).id());
    }

    @Test
    void labelsInUse_listsEachLabelOnce() {
        storedTask("a");
        storedTask("b");
        store.examples().insertAll(List.of(example("a", "taxi", "travel"), example("a", "train", "travel"),
                example("a", "lunch", "meals"), example("b", "ide", "software")));

        assertThat(store.examples().labelsInUse("a")).containsExactlyInAnyOrder("travel", "meals");
        assertThat(store.examples().labelsInUse("none")).isEmpty();
    }

    @Test
    void insertAll_tenThousandRows_areAllStoredInOneCall() {
        storedTask("bulk");

        List<Example> stored = insertNumbered("bulk", 10_000);

        assertThat(stored).hasSize(10_000);
        assertThat(stored.getLast().id() - stored.getFirst().id()).isGreaterThanOrEqualTo(9_999);
        assertThat(store.examples().count("bulk")).isEqualTo(10_000);
    }
}
