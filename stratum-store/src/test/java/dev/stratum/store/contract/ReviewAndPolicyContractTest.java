package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.LabelScore;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.ReviewItem.Status;
import dev.stratum.api.store.PolicyStore.StoredPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.ReviewStore} and {@link dev.stratum.api.store.PolicyStore} must do. */
public abstract class ReviewAndPolicyContractTest extends StoreContract {

    private ReviewItem queued(String id, double priority, long secondsAfterT0) {
        ReviewItem item = ReviewItem.open(id, "exp", "pr_" + id, "text of " + id, "abstained: two labels fit",
                List.of(new LabelScore("travel", 0.5), new LabelScore("meals", 0.4)), priority,
                T0.plusSeconds(secondsAfterT0));
        store.reviews().insert(item);
        return item;
    }

    @Test
    void review_itemsRoundTrip_andListInPriorityThenAgeOrder() {
        storedTask("exp");
        ReviewItem first = queued("r1", 0.2, 1);
        queued("r2", 0.9, 2);
        queued("r3", 0.2, 0);

        assertThat(store.reviews().find("r1")).contains(first);
        assertThat(store.reviews().list("exp", Status.OPEN, 0, 10)).extracting(ReviewItem::id)
                .containsExactly("r2", "r3", "r1");
        assertThat(store.reviews().list("exp", null, 1, 1)).extracting(ReviewItem::id).containsExactly("r3");
        assertThat(store.reviews().count("exp", Status.OPEN)).isEqualTo(3);
    }

    @Test
    void review_claimByAnother_isAConflictNamingTheHolder() {
        storedTask("exp");
        queued("r1", 0, 0);

        ReviewItem claimed = store.reviews().claim("r1", "ana", T0.plusSeconds(5));
        assertThat(claimed.status()).isEqualTo(Status.CLAIMED);
        assertThat(store.reviews().claim("r1", "ana", T0.plusSeconds(6)).claimedAt()).isEqualTo(T0.plusSeconds(6));
        assertThatThrownBy(() -> store.reviews().claim("r1", "bo", T0.plusSeconds(7)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ana");
    }

    @Test
    void review_resolveWithLabel_storesTheExampleInTheSameTransaction() {
        storedTask("exp");
        queued("r1", 0, 0);
        Example example = new Example(0, "exp", "text of r1", "travel", ExampleSource.REVIEW, "pr_r1", T0);

        Example stored = store.reviews().resolve("r1", "travel", false, "ana", T0.plusSeconds(9), example);

        assertThat(stored.id()).isPositive();
        assertThat(store.examples().find("exp", stored.id())).isPresent();
        ReviewItem resolved = store.reviews().find("r1").orElseThrow();
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.resolvedLabel()).isEqualTo("travel");
        assertThat(resolved.resolvedBy()).isEqualTo("ana");
        assertThatThrownBy(() -> store.reviews().resolve("r1", "meals", false, "bo", T0, null))
                .isInstanceOf(ConflictException.class);
        assertThat(store.examples().count("exp")).isEqualTo(1);
    }

    @Test
    void review_outOfScope_isListedForTheTask() {
        storedTask("exp");
        queued("r1", 0, 0);
        queued("r2", 0, 1);

        store.reviews().resolve("r2", null, true, "ana", T0.plusSeconds(3), null);

        assertThat(store.reviews().outOfScopeTexts("exp", 10)).containsExactly("text of r2");
        assertThat(store.examples().count("exp")).isZero();
    }

    @Test
    void review_reprioritise_changesTheOrderOfOpenItemsOnly() {
        storedTask("exp");
        queued("r1", 0.1, 0);
        queued("r2", 0.2, 0);

        store.reviews().reprioritise("exp", Map.of("r1", 0.9));

        assertThat(store.reviews().list("exp", Status.OPEN, 0, 10)).extracting(ReviewItem::id)
                .containsExactly("r1", "r2");
    }

    @Test
    void review_unknownItem_isNotFound() {
        assertThatThrownBy(() -> store.reviews().claim("nope", "ana", T0)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void policies_areVersioned_newestInForce() {
        storedTask("exp");
        assertThat(store.policies().current("exp")).isEmpty();

        StoredPolicy v1 = store.policies().save("exp", "{\"coverage\":0.9}", "admin", T0);
        StoredPolicy v2 = store.policies().save("exp", "{\"coverage\":0.95}", "admin", T0.plusSeconds(1));

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.policies().current("exp")).contains(v2);
        assertThat(store.policies().history("exp")).containsExactly(v2, v1);
        assertThat(reopen().policies().current("exp")).contains(v2);
    }
}
