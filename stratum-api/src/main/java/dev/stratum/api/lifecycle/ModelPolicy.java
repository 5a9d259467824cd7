package dev.stratum.api.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratum.api.InvalidRequestException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a task's newly trained versions go into service. Every part left out (null) takes its default, so that {@code {}}
 * is the default policy.
 *
 * @param promotion {@code auto} (default): a candidate the gate passes moves on by itself; {@code manual}: it waits
 *     for a person to promote it
 * @param shadowPredictions a passed candidate first predicts in shadow until it has seen this many live predictions
 *     (default 0: no shadow stage)
 * @param shadowFeedback and until this many of those predictions got feedback (default 0), so that its accuracy can
 *     be compared with production's before it answers anyone
 * @param canaryShare then it answers this share of the traffic (from 0 to 1; default 0: no canary stage) ...
 * @param canaryPredictions ... until it has answered this many predictions (default 200)
 * @param gate the evaluation gate's thresholds
 * @param rollback when live feedback rolls production back to the version it replaced
 * @param autoRollback whether that rule acts by itself (default true); off, a person rolls back
 * @param canarySticky what a canary's share of the traffic sticks by: {@code input} (default), a hash of the input
 *     text, so the same text always gets the same version; or {@code key}, the caller's API key, so each caller sees
 *     one version throughout (a request without a key, such as the engine called directly, sticks by its input)
 * @param retrainInterval an ISO-8601 duration ({@code "PT6H"}, {@code "P1D"}): retrain on this schedule, when at
 *     least one validated example arrived since the last training (default null: no schedule; at least one minute)
 * @param retrainOnOodRise retrain when the share of the task's recent predictions refused as out of domain has risen
 *     by more than this many percentage points above its share just after the production version started serving,
 *     and at least one validated example arrived since the last training (default 0: off)
 * @param oodWindow how many predictions both out-of-domain shares are measured over (default 200)
 */
public record ModelPolicy(
        Promotion promotion,
        Integer shadowPredictions,
        Integer shadowFeedback,
        Double canaryShare,
        Integer canaryPredictions,
        GateConfig gate,
        RollbackRule rollback,
        Boolean autoRollback,
        CanarySticky canarySticky,
        String retrainInterval,
        Double retrainOnOodRise,
        Integer oodWindow) {
    public static final ModelPolicy DEFAULT = new ModelPolicy(null, null, null, null, null, null, null, null);
    public static final int DEFAULT_OOD_WINDOW = 200;
    /** The shortest schedule: a check for new examples more often than this would only cost. */
    public static final Duration MIN_RETRAIN_INTERVAL = Duration.ofMinutes(1);

    /** A policy with the default canary stickiness and no retraining by schedule or out-of-domain rate. */
    public ModelPolicy(Promotion promotion, Integer shadowPredictions, Integer shadowFeedback, Double canaryShare,
            Integer canaryPredictions, GateConfig gate, RollbackRule rollback, Boolean autoRollback) {
        this(promotion, shadowPredictions, shadowFeedback, canaryShare, canaryPredictions, gate, rollback,
                autoRollback, null, null, null, null);
    }

    public ModelPolicy {
        promotion = promotion == null ? Promotion.AUTO : promotion;
        shadowPredictions = atLeastZero("shadow_predictions", shadowPredictions, 0);
        shadowFeedback = atLeastZero("shadow_feedback", shadowFeedback, 0);
        canaryShare = canaryShare == null ? 0 : canaryShare;
        if (!(canaryShare >= 0 && canaryShare <= 1)) {
            throw new InvalidRequestException("invalid_settings", "lifecycle.canary_share is " + canaryShare + "; use"
                    + " the share of traffic the canary answers, from 0 (no canary) to 1 (0.05 is 5%)");
        }
        canaryPredictions = atLeastZero("canary_predictions", canaryPredictions, 200);
        gate = gate == null ? GateConfig.DEFAULT : gate;
        rollback = rollback == null ? RollbackRule.DEFAULT : rollback;
        autoRollback = autoRollback == null || autoRollback;
        canarySticky = canarySticky == null ? CanarySticky.INPUT : canarySticky;
        retrainInterval = retrainInterval == null || retrainInterval.isBlank() ? null : retrainInterval.strip();
        if (retrainInterval != null) {
            parseInterval(retrainInterval);
        }
        retrainOnOodRise = retrainOnOodRise == null ? 0 : retrainOnOodRise;
        if (!(retrainOnOodRise >= 0 && retrainOnOodRise <= 100)) {
            throw new InvalidRequestException("invalid_settings", "lifecycle.retrain_on_ood_rise is "
                    + retrainOnOodRise + "; use the rise of the out-of-domain share that starts a retraining, in"
                    + " percentage points from 0 (off) to 100");
        }
        oodWindow = atLeastZero("ood_window", oodWindow, DEFAULT_OOD_WINDOW);
        if (oodWindow < 10) {
            throw new InvalidRequestException("invalid_settings", "lifecycle.ood_window is " + oodWindow + "; use a"
                    + " number of predictions from 10 up, or leave it out for " + DEFAULT_OOD_WINDOW);
        }
    }

    /** The retraining schedule, or null when there is none. */
    public Duration retrainPeriod() {
        return retrainInterval == null ? null : parseInterval(retrainInterval);
    }

    private static Duration parseInterval(String value) {
        Duration period;
        try {
            // Days are 24 hours here (P1D), since a schedule has no calendar.
            period = Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRequestException("invalid_settings", "lifecycle.retrain_interval '" + value + "' is not"
                    + " an ISO-8601 duration; write it like PT6H (six hours), PT30M or P1D", e);
        }
        if (period.compareTo(MIN_RETRAIN_INTERVAL) < 0) {
            throw new InvalidRequestException("invalid_settings", "lifecycle.retrain_interval is " + value + "; use"
                    + " at least PT1M, or leave it out for no schedule");
        }
        return period;
    }


    /** Whether a passed candidate goes through shadow before it answers anyone. */
    public boolean shadows() {
        return shadowPredictions > 0 || shadowFeedback > 0;
    }

    /** Whether a candidate answers a share of the traffic before all of it. */
    public boolean canaries() {
        return canaryShare > 0;
    }

    private static int atLeastZero(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new InvalidRequestException("invalid_settings", "lifecycle." + name + " is " + value + "; use a"
                    + " number from 0 up, or leave it out for " + fallback);
        }
        return value;
    }

    /** What a canary's share of the traffic sticks by. */
    public enum CanarySticky {
        INPUT,
        KEY;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static CanarySticky parse(String value) {
            for (CanarySticky c : values()) {
                if (c.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return c;
                }
            }
            throw new InvalidRequestException("invalid_settings", "lifecycle.canary_sticky '" + value + "' is not"
                    + " known; use input (a hash of the input text) or key (the caller's API key)");
        }
    }

    /** Who moves a candidate the gate passed. */
    public enum Promotion {
        AUTO,
        MANUAL;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Promotion parse(String value) {
            for (Promotion p : values()) {
                if (p.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return p;
                }
            }
            throw new InvalidRequestException("invalid_settings", "lifecycle.promotion '" + value + "' is not known;"
                    + " use one of " + Arrays.stream(values()).map(Promotion::wireName).toList());
        }
    }
}
