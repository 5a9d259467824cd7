package dev.stratum.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lifecycle policy's and the gate's new settings: defaults, and messages that name the field and the fix. */
class ModelPolicyTest {
    @Test
    void defaults_haveNoScheduleNoOodTrigger_andStickByInput() {
        ModelPolicy policy = ModelPolicy.DEFAULT;

        assertThat(policy.retrainPeriod()).isNull();
        assertThat(policy.retrainOnOodRise()).isZero();
        assertThat(policy.oodWindow()).isEqualTo(200);
        assertThat(policy.canarySticky()).isEqualTo(ModelPolicy.CanarySticky.INPUT);
        assertThat(policy.gate().holdoutShare()).isEqualTo(0.2);
        assertThat(policy.gate().minExamples()).isEqualTo(50);
    }

    @Test
    void retrainInterval_readsIsoDurations_withDaysAs24Hours() {
        assertThat(policy("PT6H").retrainPeriod()).isEqualTo(Duration.ofHours(6));
        assertThat(policy("p1d").retrainPeriod()).isEqualTo(Duration.ofHours(24));
        assertThat(policy(" ").retrainPeriod()).isNull();
    }

    @Test
    void retrainInterval_notADurationOrTooShort_isRefusedWithAnExample() {
        assertThatThrownBy(() -> policy("6 hours")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("lifecycle.retrain_interval '6 hours' is not an ISO-8601 duration")
                .hasMessageContaining("PT6H");
        assertThatThrownBy(() -> policy("PT30S")).hasMessageContaining("use at least PT1M");
    }

    @Test
    void oodSettings_outOfRange_areRefused() {
        assertThatThrownBy(() -> new ModelPolicy(null, null, null, null, null, null, null, null, null, null, 101.0,
                null)).hasMessageContaining("lifecycle.retrain_on_ood_rise is 101.0");
        assertThatThrownBy(() -> new ModelPolicy(null, null, null, null, null, null, null, null, null, null, null,
                5)).hasMessageContaining("lifecycle.ood_window is 5; use a number of predictions from 10 up");
    }

    @Test
    void canarySticky_parsesItsWireNames_andNamesTheChoicesOtherwise() {
        assertThat(ModelPolicy.CanarySticky.parse(" Key ")).isEqualTo(ModelPolicy.CanarySticky.KEY);
        assertThatThrownBy(() -> ModelPolicy.CanarySticky.parse("caller"))
                .hasMessageContaining("lifecycle.canary_sticky 'caller' is not known; use input")
                .extracting(e -> ((InvalidRequestException) e).code()).isEqualTo("invalid_settings");
    }

    @Test
    void gateHoldout_outOfRange_isRefused() {
        assertThatThrownBy(() -> new GateConfig(null, null, null, null, 0.6, null))
                .hasMessageContaining("holdout_share is 0.6; hold out a share of the examples from 0.05 to 0.5");
        assertThatThrownBy(() -> new GateConfig(null, null, null, null, null, 5))
                .hasMessageContaining("min_examples is 5; use a number of examples from 10 up");
    }

    private static ModelPolicy policy(String interval) {
        return new ModelPolicy(null, null, null, null, null, null, null, null, null, interval, null, null);
    }
}
