package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.store.HistoryStore;
import dev.stratum.api.store.PoolStore.PoolCandidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.PoolStore} and {@link dev.stratum.api.store.HistoryStore} must do. */
public abstract class PoolAndHistoryContractTest extends StoreContract {

    private ReviewItem ranked(ReviewItem item, int rank) {
        return item.withRanking(new ReviewItem.Ranking("margin", 1.0 / rank, rank, "exp-v1", T0.plusSeconds(60)));
    }

    private static ReviewItem chosen(String id, String predictionId, String poolItemId, String text) {
        return new ReviewItem(id, "exp", predictionId, text, "chosen by active learning", List.of(), 0,
                ReviewItem.Status.OPEN, null, null, null, false, null, null, T0,
                poolItemId == null ? ReviewItem.Origin.PREDICTION : ReviewItem.Origin.IMPORT, poolItemId, null);
    }

    @Test
    void pool_addsEachTextOnce_andListsUnvalidatedItemsOfEveryKind() {
        storedTask("exp");
        assertThat(store.pool().add("exp", List.of("first import", "second import", "first import"), T0))
                .isEqualTo(2);
        assertThat(store.pool().add("exp", List.of("second import"), T0.plusSeconds(1))).isZero();
        store.predictions().insertAll(List.of(prediction("p1", "exp", "no feedback yet", "travel"),
                prediction("p2", "exp", "accepted already", "travel")));
        store.predictions().recordFeedback("p2", new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), null);
        store.reviews().insert(ReviewItem.open("r1", "exp", null, "abstained on this", "low confidence", List.of(), 1,
                T0));

        List<PoolCandidate> pool = store.pool().unvalidated("exp", 100);

        assertThat(pool).extracting(PoolCandidate::text)
                .containsExactlyInAnyOrder("abstained on this", "no feedback yet", "first import", "second import");
        assertThat(pool.getFirst().reviewItemId()).as("open review items come first").isEqualTo("r1");
        assertThat(store.pool().countImported("exp")).isEqualTo(2);
        assertThat(store.pool().unvalidated("exp", 2)).hasSize(2);
    }

    @Test
    void applyRanking_putsRankedItemsFirst_dropsStaleChoices_andTakesChosenItemsOutOfThePool() {
        storedTask("exp");
        store.pool().add("exp", List.of("imported text"), T0);
        store.predictions().insertAll(List.of(prediction("p1", "exp", "prediction one", "travel"),
                prediction("p2", "exp", "prediction two", "meals")));
        store.reviews().insert(ReviewItem.open("odd", "exp", null, "abstained", "low confidence", List.of(), 0.9,
                T0));
        String poolItem = store.pool().unvalidated("exp", 10).stream().filter(c -> c.poolItemId() != null)
                .findFirst().orElseThrow().poolItemId();

        store.pool().applyRanking("exp", List.of(ranked(chosen("a1", "p1", null, "prediction one"), 1),
                ranked(chosen("a2", null, poolItem, "imported text"), 2)));

        assertThat(store.reviews().list("exp", ReviewItem.Status.OPEN, 0, 10)).extracting(ReviewItem::id)
                .containsExactly("a1", "a2", "odd");
        ReviewItem first = store.reviews().find("a2").orElseThrow();
        assertThat(first.origin()).isEqualTo(ReviewItem.Origin.IMPORT);
        assertThat(first.poolItemId()).isEqualTo(poolItem);
        assertThat(first.ranking().rank()).isEqualTo(2);
        assertThat(first.ranking().score()).isEqualTo(0.5);
        assertThat(store.pool().unvalidated("exp", 10)).extracting(PoolCandidate::reviewItemId)
                .as("chosen items are in the pool as review items, not twice").contains("a1", "a2", "odd")
                .hasSize(4);

        // The next ranking chooses the ODD item and the other prediction: a1 and a2 leave the queue.
        ReviewItem odd = store.reviews().find("odd").orElseThrow();
        store.pool().applyRanking("exp", List.of(ranked(odd, 1), ranked(chosen("a3", "p2", null, "prediction two"),
                2)));

        assertThat(store.reviews().list("exp", ReviewItem.Status.OPEN, 0, 10)).extracting(ReviewItem::id)
                .containsExactly("odd", "a3");
        assertThat(store.reviews().find("odd").orElseThrow().reason()).as("an item ranked keeps what it was")
                .isEqualTo("low confidence");
        assertThat(store.pool().unvalidated("exp", 10)).extracting(PoolCandidate::text)
                .containsExactlyInAnyOrder("abstained", "prediction two", "prediction one", "imported text");
    }

    @Test
    void history_countsPredictionsPerBucket_byLayer_withheld_andJudgedByFeedback() {
        storedTask("exp");
        Instant from = T0.minusMillis(T0.toEpochMilli() % 3_600_000);
        store.predictions().insertAll(List.of(
                at("h1", from.plusSeconds(10), "travel", Layer.HYPERLOCAL),
                at("h2", from.plusSeconds(20), "meals", Layer.HYPERLOCAL),
                at("g1", from.plusSeconds(30), "travel", Layer.GENERAL),
                at("w1", from.plusSeconds(40), null, Layer.GENERAL),
                at("n1", from.plusSeconds(7200 + 5), "travel", Layer.GENERAL),
                at("out", from.plusSeconds(4 * 3600), "travel", Layer.GENERAL)));
        store.predictions().recordFeedback("h1", new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), null);
        store.predictions().recordFeedback("h2", new Feedback(FeedbackAction.CORRECT, "travel", null, T0), null);
        store.predictions().recordFeedback("g1", new Feedback(FeedbackAction.REJECT, null, null, T0), null);

        List<HistoryStore.Bucket> buckets = store.history().history("exp", from, from.plusSeconds(3 * 3600),
                Duration.ofHours(1));

        assertThat(buckets).hasSize(2);
        HistoryStore.Bucket first = buckets.get(0);
        assertThat(first.start()).isEqualTo(from);
        assertThat(first.predictions()).isEqualTo(4);
        assertThat(first.answeredByLayer()).isEqualTo(Map.of("hyperlocal", 2L, "general", 1L));
        assertThat(first.withheld()).isEqualTo(1);
        assertThat(first.judged()).as("accept and correct judge a label; reject does not").isEqualTo(2);
        assertThat(first.correct()).isEqualTo(1);
        HistoryStore.Bucket third = buckets.get(1);
        assertThat(third.start()).isEqualTo(from.plusSeconds(7200));
        assertThat(third.predictions()).isEqualTo(1);
        assertThat(store.history().history("other", from, from.plusSeconds(3600), Duration.ofHours(1))).isEmpty();
    }

    private static Prediction at(String id, Instant createdAt, String label, Layer layer) {
        return new Prediction(id, "exp", "text " + id, label, label == null ? 0 : 0.8, layer, "v",
                List.of(new LabelScore("travel", 0.8)), 1.0, createdAt, null);
    }
}
