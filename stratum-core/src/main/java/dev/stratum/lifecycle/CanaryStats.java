package dev.stratum.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a canary did on the share of live traffic it answered, beside production on the rest: how many predictions
 * each answered and, on those that later got feedback, how often each was right. Unlike in shadow the two answer
 * different requests, so the accuracies are not paired; they are compared as two rates. Thread-safe; the labels of
 * the newest {@code capacity} predictions are kept for their feedback, as in {@link ShadowStats}.
 */
public final class CanaryStats {
    private final Map<String, Answer> awaiting;
    private long canaryPredictions;
    private long productionPredictions;
    private long canaryFeedback;
    private long canaryCorrect;
    private long productionFeedback;
    private long productionCorrect;
    private long changes;

    public CanaryStats() {
        this(ShadowStats.DEFAULT_CAPACITY);
    }

    /** @param capacity the most predictions whose labels are kept while awaiting feedback */
    public CanaryStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is " + capacity + "; keep at least one prediction");
        }
        this.awaiting = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records who answered one request, and with which label (null for none). */
    public synchronized void recordPrediction(String predictionId, boolean byCanary, String label) {
        Objects.requireNonNull(predictionId, "predictionId");
        if (awaiting.putIfAbsent(predictionId, new Answer(byCanary, label)) != null) {
            return;
        }
        if (byCanary) {
            canaryPredictions++;
        } else {
            productionPredictions++;
        }
        changes++;
    }

    /** Scores the answer to a prediction against a person's label; false when it was not recorded here. */
    public synchronized boolean recordFeedback(String predictionId, String actualLabel) {
        Objects.requireNonNull(actualLabel, "actualLabel");
        Answer answer = awaiting.remove(predictionId);
        if (answer == null) {
            return false;
        }
        boolean right = actualLabel.equals(answer.label());
        if (answer.byCanary()) {
            canaryFeedback++;
            canaryCorrect += right ? 1 : 0;
        } else {
            productionFeedback++;
            productionCorrect += right ? 1 : 0;
        }
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
        awaiting.forEach((id, answer) -> pending.add(new State.Pending(id, answer.byCanary(), answer.label())));
        return new State(canaryPredictions, productionPredictions, canaryFeedback, canaryCorrect, productionFeedback,
                productionCorrect, pending);
    }

    /** Statistics that go on from a saved {@link State}, with the default capacity. */
    public static CanaryStats restore(State state) {
        CanaryStats stats = new CanaryStats();
        synchronized (stats) {
            stats.canaryPredictions = state.canaryPredictions();
            stats.productionPredictions = state.productionPredictions();
            stats.canaryFeedback = state.canaryFeedback();
            stats.canaryCorrect = state.canaryCorrect();
            stats.productionFeedback = state.productionFeedback();
            stats.productionCorrect = state.productionCorrect();
            state.awaiting().forEach(p -> stats.awaiting.put(p.predictionId(), new Answer(p.byCanary(), p.label())));
        }
        return stats;
    }

    /**
     * What {@link #state()} saves: the counts and the answers still awaiting feedback, oldest first.
     *
     * @param awaiting null when none
     */
    public record State(long canaryPredictions, long productionPredictions, long canaryFeedback, long canaryCorrect,
            long productionFeedback, long productionCorrect, List<Pending> awaiting) {
        public State {
            awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
        }

        /** Who answered one prediction, and with which label, kept for its feedback. */
        public record Pending(String predictionId, boolean byCanary, String label) {}
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(canaryPredictions, productionPredictions, canaryFeedback,
                rate(canaryCorrect, canaryFeedback), productionFeedback, rate(productionCorrect, productionFeedback));
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private record Answer(boolean byCanary, String label) {}

    /** The counts at one moment; an accuracy is 0 while its feedback count is. */
    public record Snapshot(
            long canaryPredictions,
            long productionPredictions,
            long canaryFeedback,
            double canaryAccuracy,
            long productionFeedback,
            double productionAccuracy) {}
}
