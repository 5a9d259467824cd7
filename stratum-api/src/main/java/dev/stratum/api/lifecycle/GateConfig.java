package dev.stratum.api.lifecycle;

import dev.stratum.api.InvalidRequestException;
import java.util.Locale;

/**
 * The thresholds of the evaluation gate ({@code dev.stratum.lifecycle.EvaluationGate}). Any part left out (null) takes
 * its default; what is given is validated
 * here, with messages that name the field by its JSON name.
 *
 * @param significance the level below which McNemar's p-value counts as a real difference (default 0.05)
 * @param maxRecallDrop the largest fall in any one label's recall the candidate may show, in percentage points
 *     (default 5)
 * @param minLabelSupport the fewest held-out examples a label needs before its recall is checked (default 10):
 *     below that, one example moves the recall by more than the limit, so the check would be noise
 * @param recentShare the newest share of the held-out examples, by time, that is also compared on its own to catch
 *     drift (default 0.25; 0 turns the check off). A share rather than a duration because tasks differ in pace: a
 *     fixed week holds thousands of examples of one task and none of another, while a share always holds a
 *     comparable part of what there is, and needs no clock
 * @param holdoutShare the share of the task's validated examples held out of every training for the gate, chosen by
 *     a hash of their text (default 0.2, from 0.05 to 0.5). A larger share makes the paired test stronger and the
 *     served head learn from fewer examples. Changing it is safe: a production version trained with another share
 *     is compared only on the held-out examples it did not see
 * @param minExamples the fewest validated examples a task needs before anything is held out (default 50): below
 *     that, every example is needed for training and the gate passes a candidate unjudged, saying so
 */
public record GateConfig(Double significance, Double maxRecallDrop, Integer minLabelSupport, Double recentShare,
        Double holdoutShare, Integer minExamples) {
    public static final double DEFAULT_SIGNIFICANCE = 0.05;
    public static final double DEFAULT_MAX_RECALL_DROP = 5;
    public static final int DEFAULT_MIN_LABEL_SUPPORT = 10;
    public static final double DEFAULT_RECENT_SHARE = 0.25;
    public static final double DEFAULT_HOLDOUT_SHARE = 0.2;
    public static final double MIN_HOLDOUT_SHARE = 0.05;
    public static final double MAX_HOLDOUT_SHARE = 0.5;
    public static final int DEFAULT_MIN_EXAMPLES = 50;
    /** Every default. */
    public static final GateConfig DEFAULT = new GateConfig(null, null, null, null, null, null);

    /** Thresholds with the default held-out share and minimum. */
    public GateConfig(Double significance, Double maxRecallDrop, Integer minLabelSupport, Double recentShare) {
        this(significance, maxRecallDrop, minLabelSupport, recentShare, null, null);
    }

    public GateConfig {
        significance = significance == null ? DEFAULT_SIGNIFICANCE : significance;
        if (!(significance > 0 && significance < 0.5)) {
            throw invalid("significance is " + significance + "; use a p-value threshold above 0 and below 0.5, or"
                    + " leave it out for " + DEFAULT_SIGNIFICANCE);
        }
        maxRecallDrop = maxRecallDrop == null ? DEFAULT_MAX_RECALL_DROP : maxRecallDrop;
        if (!(maxRecallDrop >= 0 && maxRecallDrop <= 100)) {
            throw invalid("max_recall_drop is " + maxRecallDrop + "; use percentage points from 0 to 100, or leave it"
                    + " out for " + format(DEFAULT_MAX_RECALL_DROP));
        }
        minLabelSupport = minLabelSupport == null ? DEFAULT_MIN_LABEL_SUPPORT : minLabelSupport;
        if (minLabelSupport < 1) {
            throw invalid("min_label_support is " + minLabelSupport + "; use a number of examples from 1 up, or leave"
                    + " it out for " + DEFAULT_MIN_LABEL_SUPPORT);
        }
        recentShare = recentShare == null ? DEFAULT_RECENT_SHARE : recentShare;
        if (!(recentShare >= 0 && recentShare <= 1)) {
            throw invalid("recent_share is " + recentShare + "; use the newest share of the examples from 0 (no"
                    + " separate check) to 1, or leave it out for " + DEFAULT_RECENT_SHARE);
        }
        holdoutShare = holdoutShare == null ? DEFAULT_HOLDOUT_SHARE : holdoutShare;
        if (!(holdoutShare >= MIN_HOLDOUT_SHARE && holdoutShare <= MAX_HOLDOUT_SHARE)) {
            throw invalid("holdout_share is " + holdoutShare + "; hold out a share of the examples from "
                    + MIN_HOLDOUT_SHARE + " to " + MAX_HOLDOUT_SHARE + ", or leave it out for "
                    + DEFAULT_HOLDOUT_SHARE);
        }
        minExamples = minExamples == null ? DEFAULT_MIN_EXAMPLES : minExamples;
        if (minExamples < 10) {
            throw invalid("min_examples is " + minExamples + "; use a number of examples from 10 up (fewer leave"
                    + " the gate a held-out share of one or two), or leave it out for " + DEFAULT_MIN_EXAMPLES);
        }
    }

    /** A number of points without a needless ".0": 5, 2.5. */
    public static String format(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_gate_config", String.format(Locale.ROOT, "evaluation gate: %s",
                message));
    }
}
