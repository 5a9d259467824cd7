package dev.stratum.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.lifecycle.GateConfig;
import dev.stratum.api.lifecycle.GateReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationGateTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final EvaluationGate gate = new EvaluationGate(GateConfig.DEFAULT);

    /** Builds held-out outcomes one minute apart, in the order they are added. */
    private static final class Outcomes {
        final List<PairedOutcome> list = new ArrayList<>();

        Outcomes add(String label, int count, boolean productionRight, boolean candidateRight) {
            for (int i = 0; i < count; i++) {
                list.add(new PairedOutcome(label, productionRight ? label : "wrong", candidateRight ? label : "wrong",
                        T0.plus(Duration.ofMinutes(list.size()))));
            }
            return this;
        }
    }

    @Test
    void evaluate_sameAnswers_passesWithNoDiscordance() {
        GateReport report = gate.evaluate(new Outcomes().add("meals", 40, true, true).add("travel", 30, true, true)
                .add("travel", 10, false, false).list);

        assertThat(report.passed()).isTrue();
        assertThat(report.n()).isEqualTo(80);
        assertThat(report.productionOnlyCorrect()).isZero();
        assertThat(report.candidateOnlyCorrect()).isZero();
        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.productionAccuracy()).isEqualTo(0.875);
        assertThat(report.candidateAccuracy()).isEqualTo(0.875);
        assertThat(report.reasons()).hasSize(3).allMatch(reason -> reason.contains("not") || reason.startsWith("no"));
    }

    @Test
    void evaluate_significantlyWorseOverall_failsAndGivesTheFigures() {
        // Spread over labels too small to have their recall checked, so only the overall test can fail it.
        Outcomes outcomes = new Outcomes();
        for (int label = 0; label < 43; label++) {
            String name = "label-" + label;
            outcomes.add(name, 4, true, true);
        }
        for (int i = 0; i < 30; i++) {
            outcomes.add("label-" + i, 1, true, false);
        }
        for (int i = 0; i < 5; i++) {
            outcomes.add("label-" + (i + 30), 1, false, true);
        }
        GateReport report = new EvaluationGate(new GateConfig(null, null, null, 0.0)).evaluate(outcomes.list);

        assertThat(report.passed()).isFalse();
        assertThat(report.n()).isEqualTo(207);
        assertThat(report.productionOnlyCorrect()).isEqualTo(30);
        assertThat(report.candidateOnlyCorrect()).isEqualTo(5);
        // 2 * (C(35,0) + ... + C(35,5)) / 2^35 = 2 * 384168 / 34359738368.
        assertThat(report.pValue()).isCloseTo(2.0 * 384_168 / 34_359_738_368L, within(1e-12));
        assertThat(report.reasons()).containsExactly("the candidate is significantly worse than production overall:"
                + " accuracy 0.855 against production's 0.976 on 207 examples; production alone was right on 30, the"
                + " candidate alone on 5 (McNemar p = 2.2e-05, below 0.05)");
    }

    @Test
    void evaluate_worseButWithinChance_passes() {
        GateReport report = gate.evaluate(new Outcomes().add("a", 300, true, true).add("a", 6, true, false)
                .add("a", 3, false, true).list);

        assertThat(report.passed()).isTrue();
        // 2 * (1 + 9 + 36 + 84) / 512
        assertThat(report.pValue()).isCloseTo(260.0 / 512, within(1e-12));
    }

    @Test
    void evaluate_significantlyBetter_passes() {
        GateReport report = gate.evaluate(new Outcomes().add("a", 300, true, true).add("a", 30, false, true)
                .add("a", 5, true, false).list);

        assertThat(report.passed()).isTrue();
        assertThat(report.pValue()).isLessThan(0.001);
    }

    @Test
    void evaluate_oneLabelLosesRecall_failsNamingTheLabel() {
        GateReport report = gate.evaluate(new Outcomes().add("meals", 50, true, true)
                .add("travel/airfare", 10, true, true).add("travel/airfare", 3, true, false)
                .add("travel/airfare", 1, false, false).list);

        assertThat(report.passed()).isFalse();
        assertThat(report.reasons()).containsExactly("recall of 'travel/airfare' fell from 0.93 to 0.71 (-21.4"
                + " points), more than the 5-point limit");
        GateReport.LabelRecall recall = report.labels().get("travel/airfare");
        assertThat(recall.support()).isEqualTo(14);
        assertThat(recall.productionRecall()).isEqualTo(0.9286);
        assertThat(recall.candidateRecall()).isEqualTo(0.7143);
        assertThat(recall.checked()).isTrue();
    }

    @Test
    void evaluate_labelBelowTheMinimumSupport_isNotChecked() {
        // 'rare' loses all 9 of its examples, balanced elsewhere so that the overall test sees no difference.
        GateReport report = gate.evaluate(new Outcomes().add("common", 200, true, true).add("common", 9, false, true)
                .add("rare", 9, true, false).list);

        assertThat(report.passed()).isTrue();
        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.labels().get("rare").checked()).isFalse();
        assertThat(report.labels().get("rare").candidateRecall()).isZero();
    }

    @Test
    void evaluate_dropOfExactlyTheLimit_passes() {
        // 20/20 to 19/20 is 5 points, which floating point computes as 5.000000000000004.
        GateReport report = gate.evaluate(new Outcomes().add("a", 19, true, true).add("a", 1, true, false).list);
        assertThat(report.passed()).isTrue();

        GateReport stricter = new EvaluationGate(new GateConfig(null, 4.9, null, null))
                .evaluate(new Outcomes().add("a", 19, true, true).add("a", 1, true, false).list);
        assertThat(stricter.reasons()).containsExactly("recall of 'a' fell from 1.00 to 0.95 (-5.0 points), more"
                + " than the 4.9-point limit");
    }

    @Test
    void evaluate_worseOnlyOnTheNewestExamples_failsOnTheRecentWindow() {
        // Better on the oldest 300, worse on the newest 100: even overall, so only the drift check catches it.
        List<PairedOutcome> outcomes = new Outcomes().add("a", 285, true, true).add("a", 15, false, true)
                .add("a", 85, true, true).add("a", 15, true, false).list;
        GateReport report = gate.evaluate(outcomes);

        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.passed()).isFalse();
        assertThat(report.recent().n()).isEqualTo(100);
        assertThat(report.recent().from()).isEqualTo(T0.plus(Duration.ofMinutes(300)));
        assertThat(report.recent().productionOnlyCorrect()).isEqualTo(15);
        assertThat(report.recent().candidateOnlyCorrect()).isZero();
        assertThat(report.recent().pValue()).isCloseTo(Math.scalb(1.0, -14), within(1e-15));
        assertThat(report.reasons()).containsExactly("the candidate is significantly worse than production on the"
                + " newest 25% of the examples (100, since 2026-03-01T05:00:00Z): accuracy 0.850 against production's"
                + " 1.000 on 100 examples; production alone was right on 15, the candidate alone on 0 (McNemar p ="
                + " 6.1e-05, below 0.05)");

        List<PairedOutcome> shuffled = new ArrayList<>(outcomes);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(gate.evaluate(shuffled)).isEqualTo(report);
    }

    @Test
    void evaluate_recentShareRoundsToWholeExamples() {
        GateReport report = new EvaluationGate(new GateConfig(null, null, null, 0.1))
                .evaluate(new Outcomes().add("a", 30, true, true).list);
        assertThat(report.recent().n()).isEqualTo(3);
    }

    @Test
    void evaluate_noExamples_failsBecauseNothingShowsTheCandidateIsNotWorse() {
        GateReport report = gate.evaluate(List.of());

        assertThat(report.passed()).isFalse();
        assertThat(report.reasons()).containsExactly("there are no held-out validated examples to compare the"
                + " candidate with production on; validate some examples of the task first");
    }

    @Test
    void evaluateFirstVersion_passesOnItsOwnAndSaysSo() {
        GateReport report = gate.evaluateFirstVersion(new Outcomes().add("a", 45, false, true)
                .add("a", 5, false, false).list);

        assertThat(report.passed()).isTrue();
        assertThat(report.comparedWithProduction()).isFalse();
        assertThat(report.productionAccuracy()).isNull();
        assertThat(report.candidateAccuracy()).isEqualTo(0.9);
        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.labels().get("a").productionRecall()).isNull();
        assertThat(report.reasons()).containsExactly("no production version to compare with, so the first version"
                + " passes on its own; its accuracy is 0.900 on 50 held-out examples");
    }

    @Test
    void report_roundTripsThroughSnakeCaseJson() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        GateReport report = gate.evaluate(new Outcomes().add("a", 30, true, true).add("b", 12, true, false).list);

        String text = json.writeValueAsString(report);

        assertThat(text).contains("\"production_only_correct\":12", "\"recent\":{", "\"min_label_support\":10")
                .doesNotContain("NaN");
        assertThat(json.readValue(text, GateReport.class)).isEqualTo(report);
    }

    @Test
    void config_outOfRangeValues_areRefusedWithTheFix() {
        assertThatThrownBy(() -> new GateConfig(0.0, null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("evaluation gate: significance is 0.0; use a p-value threshold above 0 and below 0.5, or"
                        + " leave it out for 0.05");
        assertThatThrownBy(() -> new GateConfig(null, -1.0, null, null))
                .hasMessage("evaluation gate: max_recall_drop is -1.0; use percentage points from 0 to 100, or leave"
                        + " it out for 5");
        assertThatThrownBy(() -> new GateConfig(null, null, 0, null))
                .hasMessage("evaluation gate: min_label_support is 0; use a number of examples from 1 up, or leave"
                        + " it out for 10");
        assertThatThrownBy(() -> new GateConfig(null, null, null, 1.5))
                .hasMessage("evaluation gate: recent_share is 1.5; use the newest share of the examples from 0 (no"
                        + " separate check) to 1, or leave it out for 0.25");
    }
}
