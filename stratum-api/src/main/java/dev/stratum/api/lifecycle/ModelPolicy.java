package dev.stratum.api.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratum.api.InvalidRequestException;
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
 */
public record ModelPolicy(
        Promotion promotion,
        Integer shadowPredictions,
        Integer shadowFeedback,
        Double canaryShare,
        Integer canaryPredictions,
        GateConfig gate,
        RollbackRule rollback,
        Boolean autoRollback) {
    public static final ModelPolicy DEFAULT = new ModelPolicy(null, null, null, null, null, null, null, null);

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
