package dev.stratum.odd.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.models.Distribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class UncertaintyTest {
    private static final List<String> LABELS = List.of("a", "b", "c");

    @Test
    void bald_allMembersAgree_isZero() {
        Distribution same = Distribution.of(LABELS, new double[] {0.5, 0.3, 0.2});

        Uncertainty u = Uncertainty.ofEnsemble(List.of(same, same, same));

        assertThat(u.mutualInformation()).isEqualTo(0.0);
        assertThat(u.entropy()).isCloseTo(Uncertainty.entropy(same), within(1e-12));
        assertThat(u.members()).isEqualTo(3);
    }

    @Test
    void bald_confidentMembersDisagree_isTheEntropyOfTheMean() {
        Distribution a = Distribution.of(LABELS, new double[] {1, 0, 0});
        Distribution b = Distribution.of(LABELS, new double[] {0, 1, 0});

        Uncertainty u = Uncertainty.ofEnsemble(List.of(a, b));

        // Each member is certain (entropy 0), the mean is a coin flip: all of its entropy is disagreement.
        assertThat(u.mutualInformation()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(u.mean().probability("a")).isCloseTo(0.5, within(1e-12));
        assertThat(u.margin()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void bald_membersEquallyUnsure_isZeroWhileEntropyIsHigh() {
        Distribution flat = Distribution.of(LABELS, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});

        Uncertainty u = Uncertainty.ofEnsemble(List.of(flat, flat));

        assertThat(u.entropy()).isCloseTo(Math.log(3), within(1e-12));
        assertThat(u.mutualInformation()).isEqualTo(0.0);
    }

    @Test
    void of_singleModel_hasNoDisagreementAndTheTopTwoMargin() {
        Uncertainty u = Uncertainty.of(Distribution.of(LABELS, new double[] {0.6, 0.3, 0.1}));

        assertThat(u.mutualInformation()).isZero();
        assertThat(u.margin()).isCloseTo(0.3, within(1e-12));
        assertThat(u.members()).isEqualTo(1);
    }

    @Test
    void margin_singleLabel_isOne() {
        assertThat(Uncertainty.margin(Distribution.of(List.of("only"), new double[] {1}))).isEqualTo(1.0);
    }
}
