package dev.stratum.orchestration;

import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.lifecycle.CanaryRouter;
import dev.stratum.lifecycle.CanaryStats;
import dev.stratum.lifecycle.ShadowStats;
import java.util.Objects;

/**
 * A version on trial beside production: in shadow it predicts on every request without answering, and {@code
 * shadow} counts what it did; as a canary it answers the share of requests {@code router} picks, and {@code canary}
 * counts them. The statistics objects are shared by every runtime snapshot of the same trial.
 *
 * @param runtime the trial version's own runtime (its head, threshold and calibration, the task's policy)
 */
record Trial(ModelState state, TaskRuntime runtime, CanaryRouter router, ShadowStats shadow, CanaryStats canary) {
    Trial {
        Objects.requireNonNull(runtime.version(), "a trial needs a version");
        if (state != ModelState.SHADOW && state != ModelState.CANARY) {
            throw new IllegalArgumentException("a trial is in shadow or canary, not " + state);
        }
    }

    static Trial shadow(TaskRuntime runtime) {
        return new Trial(ModelState.SHADOW, runtime, null, new ShadowStats(), null);
    }

    static Trial canary(TaskRuntime runtime, double share) {
        return new Trial(ModelState.CANARY, runtime, new CanaryRouter(runtime.version().id(), share), null,
                new CanaryStats());
    }

    String versionId() {
        return runtime.version().id();
    }

    Trial withRuntime(TaskRuntime value) {
        return new Trial(state, value, router, shadow, canary);
    }
}
