package dev.stratum.lifecycle;

import dev.stratum.api.lifecycle.RollbackRule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Production's accuracy on live feedback, for the {@link RollbackRule}. Its baseline is measured the way live
 * accuracy is (the rule's javadoc says why): the accuracy the version showed on feedback while it was in shadow,
 * when it was, else on its first {@code window} feedback items in production. After that the newest {@code window}
 * items are the live accuracy. Thread-safe.
 */
public final class LiveAccuracy {
    private final int window;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private Double baseline;
    private int baselineItems;
    private int baselineCorrect;
    private int recentCorrect;
    private long changes;

    /**
     * @param window how many feedback items make the baseline (when none is given) and the live accuracy
     * @param baseline the version's accuracy on feedback in shadow, or null to measure it first in production
     */
    public LiveAccuracy(int window, Double baseline) {
        if (window < 1) {
            throw new IllegalArgumentException("window is " + window + "; use at least one feedback item");
        }
        this.window = window;
        this.baseline = baseline;
    }

    /** Records whether production's label was confirmed by one feedback item. */
    public synchronized void record(boolean correct) {
        changes++;
        if (baseline == null) {
            baselineItems++;
            baselineCorrect += correct ? 1 : 0;
            if (baselineItems == window) {
                baseline = (double) baselineCorrect / baselineItems;
            }
            return;
        }
        recent.addLast(correct);
        recentCorrect += correct ? 1 : 0;
        if (recent.size() > window) {
            recentCorrect -= recent.removeFirst() ? 1 : 0;
        }
    }

    /** How many items were recorded: a saver compares it with what it saved last. */
    public synchronized long changes() {
        return changes;
    }

    /** Everything this watch holds, to be saved and restored with {@link #restore}. */
    public synchronized State state() {
        return new State(window, baseline, baselineItems, baselineCorrect, List.copyOf(recent));
    }

    /** A watch that goes on from a saved {@link State}. */
    public static LiveAccuracy restore(State state) {
        LiveAccuracy live = new LiveAccuracy(state.window(), state.baseline());
        synchronized (live) {
            live.baselineItems = state.baselineItems();
            live.baselineCorrect = state.baselineCorrect();
            for (boolean correct : state.recent()) {
                live.recent.addLast(correct);
                live.recentCorrect += correct ? 1 : 0;
            }
        }
        return live;
    }

    /**
     * What {@link #state()} saves.
     *
     * @param baseline null while it is being measured
     * @param recent the newest items, oldest first; null when none
     */
    public record State(int window, Double baseline, int baselineItems, int baselineCorrect, List<Boolean> recent) {
        public State {
            recent = recent == null ? List.of() : List.copyOf(recent);
        }
    }

    /** The rule's decision on the newest items, or null while the baseline is still being measured. */
    public synchronized RollbackRule.Decision decide(RollbackRule rule) {
        return baseline == null ? null : rule.decide(baseline, recent.size(), recentCorrect);
    }
}
