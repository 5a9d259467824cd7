package dev.stratum.api.lifecycle;

import dev.stratum.api.InvalidRequestException;
import java.util.Locale;

/**
 * When live feedback says production has got worse: roll back once its accuracy on recent feedback is more than
 * {@code margin} points below its accuracy at promotion, but only once there are {@code minimumFeedback} items, so
 * that noise alone rarely triggers it. The defaults make a false alarm unlikely: at an accuracy of 0.9, 200 items
 * have a standard deviation of 2.1 points, so an unchanged model falls 5 points below only about 1% of the time
 * (2.4 standard deviations) each time the rule is consulted on fresh items.
 *
 * <p>The baseline must be measured the way live accuracy is. People correct wrong answers more often than they
 * confirm right ones, so accuracy from feedback runs below held-out accuracy; compare live feedback with the
 * version's accuracy on feedback while it was in shadow or its first days in production, not with the gate's.
 *
 * @param margin the largest fall in accuracy tolerated, in percentage points (default 5)
 * @param minimumFeedback the fewest feedback items before the rule decides anything (default 200)
 */
public record RollbackRule(Double margin, Integer minimumFeedback) {
    public static final double DEFAULT_MARGIN = 5;
    public static final int DEFAULT_MINIMUM_FEEDBACK = 200;
    /** Every default. */
    public static final RollbackRule DEFAULT = new RollbackRule(null, null);
    private static final double EPSILON_POINTS = 1e-9;

    public RollbackRule {
        margin = margin == null ? DEFAULT_MARGIN : margin;
        if (!(margin > 0 && margin <= 100)) {
            throw new InvalidRequestException("invalid_rollback_rule", "rollback rule: margin is " + margin + "; use"
                    + " percentage points above 0 and up to 100, or leave it out for " + (int) DEFAULT_MARGIN);
        }
        minimumFeedback = minimumFeedback == null ? DEFAULT_MINIMUM_FEEDBACK : minimumFeedback;
        if (minimumFeedback < 1) {
            throw new InvalidRequestException("invalid_rollback_rule", "rollback rule: minimum_feedback is "
                    + minimumFeedback + "; use a number of feedback items from 1 up, or leave it out for "
                    + DEFAULT_MINIMUM_FEEDBACK);
        }
    }

    /**
     * Decides from production's recent feedback.
     *
     * @param baselineAccuracy production's accuracy when it was promoted, from 0 to 1
     * @param feedback feedback items on its predictions in the recent window
     * @param correct how many of them confirmed its label
     */
    public Decision decide(double baselineAccuracy, int feedback, int correct) {
        if (!(baselineAccuracy >= 0 && baselineAccuracy <= 1) || feedback < 0 || correct < 0 || correct > feedback) {
            throw new IllegalArgumentException("baseline accuracy " + baselineAccuracy + " must be in [0, 1] and "
                    + correct + " correct of " + feedback + " feedback items must be counts");
        }
        double live = feedback == 0 ? 0 : (double) correct / feedback;
        double dropPoints = 100 * (baselineAccuracy - live);
        if (feedback < minimumFeedback) {
            return new Decision(false, String.format(Locale.ROOT, "only %d feedback items, fewer than the %d needed"
                    + " before live accuracy is trusted", feedback, minimumFeedback), feedback, live, baselineAccuracy,
                    feedback == 0 ? 0 : dropPoints);
        }
        boolean rollBack = dropPoints > margin + EPSILON_POINTS;
        String reason = String.format(Locale.ROOT, "live accuracy %.3f from %d feedback items is %.1f points %s"
                        + " the %.3f at promotion, %s the %s-point margin", live, feedback, Math.abs(dropPoints),
                dropPoints >= 0 ? "below" : "above", baselineAccuracy, rollBack ? "more than" : "within",
                GateConfig.format(margin));
        return new Decision(rollBack, reason, feedback, live, baselineAccuracy, dropPoints);
    }

    /**
     * The rule's verdict.
     *
     * @param dropPoints how far live accuracy is below the baseline, in points (negative when above; 0 without
     *     feedback)
     */
    public record Decision(boolean rollBack, String reason, int feedback, double liveAccuracy,
            double baselineAccuracy, double dropPoints) {}
}
