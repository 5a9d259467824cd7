package dev.stratum.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a candidate in shadow did on live traffic: how often it agreed with production and, on the predictions that
 * later got feedback, how often each was right. Thread-safe: predictions and feedback arrive from many request
 * threads.
 *
 * <p>Memory is bounded. Scoring feedback needs both labels of its prediction, so the pair is kept from prediction to
 * feedback, but only for the newest {@code capacity} predictions (insertion order; the oldest pair goes first) and
 * only until its first feedback. Feedback on an older prediction is not scored and the pair counts as expired; with
 * the default of 10,000 pairs (roughly 150 bytes each) that is feedback arriving after 10,000 newer predictions.
 */
public final class ShadowStats {
    /** Pairs kept by default: feedback usually comes within minutes, far fewer predictions than this. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, LabelPair> awaiting;
    private long predictions;
    private long agreements;
    private long withFeedback;
    private long productionCorrect;
    private long candidateCorrect;
    private long expired;
    private long changes;

    public ShadowStats() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity the most predictions whose labels are kept while awaiting feedback */
    public ShadowStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is " + capacity + "; keep at least one prediction");
        }
        this.awaiting = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LabelPair> eldest) {
                boolean full = size() > capacity;
                if (full) {
                    expired++;
                }
                return full;
            }
        };
    }

    /**
     * Records both versions' answers to one request. A prediction id seen before is ignored.
     *
     * @param productionLabel null when production gave no label
     * @param candidateLabel null when the candidate gave none
     */
    public synchronized void recordPrediction(String predictionId, String productionLabel, String candidateLabel) {
        Objects.requireNonNull(predictionId, "predictionId");
        if (awaiting.putIfAbsent(predictionId, new LabelPair(productionLabel, candidateLabel)) != null) {
            return;
        }
        predictions++;
        agreements += Objects.equals(productionLabel, candidateLabel) ? 1 : 0;
        changes++;
    }

    /**
     * Scores both versions against the label a person gave for a prediction. Only the first feedback on a
     * prediction counts.
     *
     * @return whether it was scored: false for a prediction this candidate did not shadow, already scored, or
     *     expired
     */
    public synchronized boolean recordFeedback(String predictionId, String actualLabel) {
        Objects.requireNonNull(actualLabel, "actualLabel");
        LabelPair pair = awaiting.remove(predictionId);
        if (pair == null) {
            return false;
        }
        withFeedback++;
        productionCorrect += actualLabel.equals(pair.production()) ? 1 : 0;
        candidateCorrect += actualLabel.equals(pair.candidate()) ? 1 : 0;
        changes++;
        return true;
    }

    /** How many times these statistics changed: a saver compares it with what it saved last. */
    public synchronized long changes() {
        return changes;
    }

    /** Everything these statistics hold, to be saved and restored with {@link #restore}. */
    public synchronized State state() {
        List<State.Pending> pending = new ArrayList<>(awaiting.size());
        awaiting.forEach((id, pair) -> pending.add(new State.Pending(id, pair.production(), pair.candidate())));
        return new State(predictions, agreements, withFeedback, productionCorrect, candidateCorrect, expired,
                pending);
    }

    /** Statistics that go on from a saved {@link State}, with the default capacity. */
    public static ShadowStats restore(State state) {
        ShadowStats stats = new ShadowStats();
        synchronized (stats) {
            stats.predictions = state.predictions();
            stats.agreements = state.agreements();
            stats.withFeedback = state.withFeedback();
            stats.productionCorrect = state.productionCorrect();
            stats.candidateCorrect = state.candidateCorrect();
            stats.expired = state.expired();
            state.awaiting().forEach(p -> stats.awaiting.put(p.predictionId(), new LabelPair(p.production(),
                    p.candidate())));
        }
        return stats;
    }

    /**
     * What {@link #state()} saves: the counts and the label pairs still awaiting feedback, oldest first.
     *
     * @param awaiting null when none
     */
    public record State(long predictions, long agreements, long withFeedback, long productionCorrect,
            long candidateCorrect, long expired, List<Pending> awaiting) {
        public State {
            awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
        }

        /** One prediction's two labels, kept for its feedback. */
        public record Pending(String predictionId, String production, String candidate) {}
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(predictions, agreements, rate(agreements, predictions), withFeedback, productionCorrect,
                candidateCorrect, rate(productionCorrect, withFeedback), rate(candidateCorrect, withFeedback),
                awaiting.size(), expired);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private record LabelPair(String production, String candidate) {}

    /**
     * The counts at one moment. A rate is 0 when its count is (no predictions, no feedback yet).
     *
     * @param agreements predictions where both gave the same label (or both none)
     * @param withFeedback predictions scored against a person's label
     * @param awaitingFeedback predictions whose labels are kept for feedback now
     * @param expired predictions whose labels were dropped, unscored, to stay within the capacity
     */
    public record Snapshot(
            long predictions,
            long agreements,
            double agreementRate,
            long withFeedback,
            long productionCorrect,
            long candidateCorrect,
            double productionAccuracy,
            double candidateAccuracy,
            int awaitingFeedback,
            long expired) {}
}
