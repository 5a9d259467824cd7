package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ActiveLearning;
import dev.stratum.api.Example;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.ImportResult;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.ReviewRanking;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.models.Distribution;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue ordered by the task's active-learning strategy, on a real engine (SQLite file, bundled encoder)
 * that ranks in the background as a server does: after every training, on pool growth and on request.
 */
class ReviewRankingTest {
    private static final List<Label> LABELS = List.of(
            new Label("travel", "flights, hotels, taxis and trains for business trips"),
            new Label("meals", "restaurants, lunches, dinners and coffee"),
            new Label("software", "software subscriptions, licences and cloud services"));
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private StratumEngine engine;

    @BeforeEach
    void open() {
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, true));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void createTask(String strategy, int batch) {
        engine.createTask(new NewTask("exp", "Expenses", LABELS,
                new TaskSettings(null, 0, null, null, new ActiveLearning(strategy, batch))));
    }

    /** Asks for a ranking and waits until one that started after the request has finished. */
    private ReviewRanking rankNow() {
        Instant asked = Instant.now();
        engine.rankReviewQueue("exp");
        return awaitRanking(r -> r.rankedAt() != null && !r.rankedAt().isBefore(asked));
    }

    private ReviewRanking awaitRanking(Predicate<ReviewRanking> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReviewRanking r = engine.reviewRanking("exp");
            if (!r.pending() && done.test(r)) {
                assertThat(r.error()).isNull();
                return r;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no ranking finished within " + WAIT + ": " + engine.reviewRanking("exp"));
    }

    private List<ReviewItem> ranked() {
        return engine.reviewQueue("exp", ReviewItem.Status.OPEN, 0, 1000).stream()
                .filter(i -> i.ranking() != null).toList();
    }

    private void seedExamples() {
        for (String[] e : new String[][] {{"flight to Berlin for the client meeting", "travel"},
                {"hotel two nights in Lyon", "travel"}, {"taxi from the airport", "travel"},
                {"team lunch at the Italian place", "meals"}, {"coffee and pastries for the workshop", "meals"},
                {"dinner with the customer", "meals"}, {"annual licence for the IDE", "software"},
                {"cloud hosting invoice for March", "software"}, {"subscription to the design tool", "software"}}) {
            engine.addExample("exp", e[0], e[1]);
        }
    }

    private static final List<String> POOL = List.of("train ticket to Paris", "sandwiches for the board meeting",
            "password manager seats for the team", "uber to the conference venue", "breakfast at the hotel",
            "airport lounge coffee", "dinner on the flight back", "software training course travel costs",
            "catering for the hackathon", "renewal of the antivirus licence", "parking at the train station",
            "lunch with a vendor to discuss their software", "conference ticket and hotel bundle",
            "snacks for the office kitchen", "monthly fee for the video call service", "rental car in Denver");

    @Test
    void margin_ranksTheLowestMarginFirst_byTheModelsOwnScores_andRanksAgainAfterEveryRetrain() {
        createTask("margin", 5);
        seedExamples();
        engine.trainAndWait("exp", "test");
        engine.predictBatch("exp", POOL);

        ReviewRanking first = rankNow();

        assertThat(first.strategy()).isEqualTo("margin");
        assertThat(first.modelVersion()).isEqualTo("exp-v1");
        assertThat(first.pool()).isEqualTo(POOL.size());
        List<ReviewItem> queue = ranked();
        assertThat(queue).hasSize(5);
        Map<String, Double> oneMinusMargin = new HashMap<>();
        for (String text : POOL) {
            Distribution scores = engine.modelScores("exp", text);
            oneMinusMargin.put(text, 1 - Uncertainty.margin(scores));
        }
        List<String> lowestMarginFirst = POOL.stream()
                .sorted(Comparator.comparingDouble((String t) -> -oneMinusMargin.get(t))).limit(5).toList();
        assertThat(queue).extracting(ReviewItem::text).containsExactlyElementsOf(lowestMarginFirst);
        for (int r = 0; r < queue.size(); r++) {
            ReviewItem item = queue.get(r);
            assertThat(item.ranking().rank()).isEqualTo(r + 1);
            assertThat(item.ranking().strategy()).isEqualTo("margin");
            assertThat(item.ranking().score()).isCloseTo(oneMinusMargin.get(item.text()),
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(item.origin()).isEqualTo(ReviewItem.Origin.PREDICTION);
        }
        Map<String, Double> scoresBefore = new HashMap<>();
        queue.forEach(i -> scoresBefore.put(i.text(), i.ranking().score()));

        // A reviewer labels the first two; the retrain they lead to ranks the queue again, by the new model.
        engine.resolveReview(queue.get(0).id(), "travel", false, "ana");
        engine.resolveReview(queue.get(1).id(), "meals", false, "ana");
        Instant beforeTraining = Instant.now();
        engine.trainAndWait("exp", "test");
        ReviewRanking second = awaitRanking(r -> r.rankedAt() != null && !r.rankedAt().isBefore(beforeTraining));

        assertThat(second.modelVersion()).isEqualTo("exp-v2");
        assertThat(second.trigger()).isEqualTo("after training");
        assertThat(second.pool()).as("the two labelled texts left the pool").isEqualTo(POOL.size() - 2);
        List<ReviewItem> after = ranked();
        assertThat(after).extracting(ReviewItem::text).doesNotContain(queue.get(0).text(), queue.get(1).text());
        List<String> remaining = POOL.stream().filter(t -> !t.equals(queue.get(0).text())
                && !t.equals(queue.get(1).text())).toList();
        Map<String, Double> newScores = new HashMap<>();
        remaining.forEach(t -> newScores.put(t, 1 - Uncertainty.margin(engine.modelScores("exp", t))));
        assertThat(after).extracting(ReviewItem::text).containsExactlyElementsOf(remaining.stream()
                .sorted(Comparator.comparingDouble((String t) -> -newScores.get(t))).limit(5).toList());
        assertThat(after.stream().filter(i -> scoresBefore.containsKey(i.text()))
                .anyMatch(i -> Math.abs(i.ranking().score() - scoresBefore.get(i.text())) > 1e-6))
                .as("the new model scores the items it ranks again differently").isTrue();
    }

    @Test
    void unlabelledImport_landsInThePool_andReviewingAnItemFromItMakesAnExample() {
        createTask("margin", 3);
        seedExamples();
        engine.trainAndWait("exp", "test");
        String lines = String.join("\n", POOL.subList(0, 6)) + "\n\n" + POOL.get(0) + "\n";

        ImportResult result = engine.importUnlabelled("exp", new ByteArrayInputStream(
                lines.getBytes(StandardCharsets.UTF_8)), ImportOptions.of(ImportFormat.LINES));

        assertThat(result.imported()).isEqualTo(6);
        assertThat(result.skipped()).as("the repeated text").isEqualTo(1);
        assertThat(engine.examples("exp", 0, 100).total()).as("pool items are not examples").isEqualTo(9);
        ReviewRanking ranking = rankNow();
        assertThat(ranking.pool()).isEqualTo(6);
        List<ReviewItem> queue = ranked();
        assertThat(queue).hasSize(3).allSatisfy(item -> {
            assertThat(item.origin()).isEqualTo(ReviewItem.Origin.IMPORT);
            assertThat(item.poolItemId()).isNotNull();
            assertThat(item.predictionId()).isNull();
            assertThat(item.candidates()).as("the model's likeliest labels, for the reviewer").isNotEmpty();
        });

        engine.resolveReview(queue.getFirst().id(), "meals", false, "ana");

        assertThat(engine.examples("exp", 0, 100).items()).extracting(Example::text, Example::label)
                .contains(org.assertj.core.groups.Tuple.tuple(queue.getFirst().text(), "meals"));
        assertThat(rankNow().pool()).as("the labelled text left the pool").isEqualTo(5);
    }

    @Test
    void coldStart_seedsTheQueueWithOneItemPerCluster() {
        createTask("diverse-margin", 4);
        List<List<String>> topics = List.of(
                List.of("flight from London to New York", "flight from Paris to Berlin", "flight from Madrid to Rome",
                        "flight from Oslo to Tokyo", "return flight from Boston to Chicago"),
                List.of("pizza and pasta lunch at the Italian restaurant", "sushi dinner at the Japanese restaurant",
                        "burgers and fries lunch at the diner", "steak dinner at the grill restaurant",
                        "noodle lunch at the Thai restaurant"),
                List.of("annual licence for the antivirus software", "monthly subscription to the cloud software",
                        "licence renewal for the accounting software", "subscription to the design software",
                        "licence for the database software"),
                List.of("heavy rain and wind forecast for tomorrow", "sunny weather with a light breeze",
                        "snow and freezing temperatures tonight", "thunderstorms expected this weekend",
                        "fog in the morning, clear skies later"));
        List<String> texts = topics.stream().flatMap(List::stream).toList();
        engine.importUnlabelled("exp", new ByteArrayInputStream(String.join("\n", texts)
                .getBytes(StandardCharsets.UTF_8)), ImportOptions.of(ImportFormat.LINES));

        ReviewRanking ranking = rankNow();

        assertThat(ranking.strategy()).isEqualTo("cold-start");
        assertThat(ranking.modelVersion()).isNull();
        List<ReviewItem> queue = ranked();
        assertThat(queue).hasSize(4);
        Set<Integer> topicsSeen = new HashSet<>();
        for (ReviewItem item : queue) {
            for (int t = 0; t < topics.size(); t++) {
                if (topics.get(t).contains(item.text())) {
                    topicsSeen.add(t);
                }
            }
            assertThat(item.ranking().score()).as("the share of the pool in its cluster").isBetween(0.0, 1.0);
        }
        assertThat(topicsSeen).as("one seed per topic: %s", queue.stream().map(ReviewItem::text).toList())
                .hasSize(4);
        List<Double> shares = new ArrayList<>();
        queue.forEach(i -> shares.add(i.ranking().score()));
        assertThat(shares).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void unknownStrategy_isRefusedNamingTheSettingAndTheAllowedValues() {
        assertThatThrownBy(() -> new ActiveLearning("smart", 10)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("active_learning.strategy 'smart'").hasMessageContaining("diverse-margin");
        assertThatThrownBy(() -> new ActiveLearning("margin", 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("active_learning.batch");
        assertThat(ActiveLearning.STRATEGIES).containsExactlyElementsOf(
                dev.stratum.learning.active.SelectionStrategies.NAMES);
    }
}
