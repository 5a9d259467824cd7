package dev.stratum.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class RollbackRuleTest {
    private final RollbackRule rule = RollbackRule.DEFAULT;

    @Test
    void decide_dropBeyondTheMargin_rollsBackAndSaysByHowMuch() {
        RollbackRule.Decision d = rule.decide(0.9, 250, 205);

        assertThat(d.rollBack()).isTrue();
        assertThat(d.liveAccuracy()).isEqualTo(0.82);
        assertThat(d.dropPoints()).isCloseTo(8.0, within(1e-9));
        assertThat(d.reason()).isEqualTo("live accuracy 0.820 from 250 feedback items is 8.0 points below the 0.900"
                + " at promotion, more than the 5-point margin");
    }

    @Test
    void decide_tooFewFeedbackItems_neverRollsBack() {
        RollbackRule.Decision d = rule.decide(0.9, 199, 100);

        assertThat(d.rollBack()).isFalse();
        assertThat(d.reason()).isEqualTo("only 199 feedback items, fewer than the 200 needed before live accuracy"
                + " is trusted");
    }

    @Test
    void decide_dropOfExactlyTheMargin_staysWithin() {
        // 0.90 - 170/200 is 5.000000000000004 points in floating point; the rule must still read it as 5.
        RollbackRule.Decision d = rule.decide(0.9, 200, 170);

        assertThat(d.rollBack()).isFalse();
        assertThat(d.reason()).contains("within the 5-point margin");
        assertThat(rule.decide(0.9, 200, 169).rollBack()).isTrue();
    }

    @Test
    void decide_liveAboveTheBaseline_keepsProduction() {
        RollbackRule.Decision d = rule.decide(0.8, 300, 270);

        assertThat(d.rollBack()).isFalse();
        assertThat(d.reason()).isEqualTo("live accuracy 0.900 from 300 feedback items is 10.0 points above the"
                + " 0.800 at promotion, within the 5-point margin");
    }

    @Test
    void create_customRule_appliesItsOwnMarginAndMinimum() {
        RollbackRule strict = new RollbackRule(2.5, 20);
        assertThat(strict.decide(0.9, 20, 17).rollBack()).isTrue();
        assertThat(strict.decide(0.9, 19, 0).rollBack()).isFalse();
        assertThat(strict.decide(0.9, 20, 17).reason()).endsWith("more than the 2.5-point margin");
    }

    @Test
    void create_invalidValues_areRefusedWithTheFix() {
        assertThatThrownBy(() -> new RollbackRule(0.0, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("rollback rule: margin is 0.0; use percentage points above 0 and up to 100, or leave it"
                        + " out for 5");
        assertThatThrownBy(() -> new RollbackRule(null, 0))
                .hasMessage("rollback rule: minimum_feedback is 0; use a number of feedback items from 1 up, or leave"
                        + " it out for 200");
        assertThatThrownBy(() -> rule.decide(0.9, 10, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
