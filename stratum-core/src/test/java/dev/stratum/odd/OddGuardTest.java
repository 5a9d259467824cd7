package dev.stratum.odd;

import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import dev.stratum.odd.uncertainty.HeadEnsemble;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OddGuardTest {
    /** Five classes, of which c0 and c1 sit almost on top of each other: in domain, but ambiguous there. */
    private static final SyntheticClusters CLUSTERS = SyntheticClusters.withTwins(5, 24, 0.5, 17);
    private static final TrainingSet TRAIN = CLUSTERS.trainingSet(60, 1);
    private static final OddCalibrator CALIBRATOR = OddCalibrator.hyperlocal(new SoftmaxRegressionTrainer(),
            HyperlocalConfig.DEFAULTS, OddCalibrator.Settings.DEFAULTS);

    private static OddCalibration calibration;
    private static HyperlocalModel model;
    private static ExactNeighbourSearch memory;

    @BeforeAll
    static void train() {
        calibration = CALIBRATOR.calibrate(TRAIN);
        model = HyperlocalModel.create(TRAIN.labels(), new SoftmaxRegressionTrainer().train(TRAIN, 0),
                NeighbourLookup.NONE);
        memory = ExactNeighbourSearch.of(TRAIN.x(), TRAIN.y());
    }

    @Test
    void check_inDomainInput_isAnsweredWithItsLabel() {
        OddVerdict verdict = check(guard(OddPolicy.DEFAULT), "an input", CLUSTERS.centre(3));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Answered.class, a -> {
            assertThat(a.label()).isEqualTo("c3");
            assertThat(a.confidence()).isGreaterThan(0.9);
            assertThat(a.evidence().predictionSet()).extracting(LabelScore::label).containsExactly("c3");
            assertThat(a.evidence().domainScore()).isLessThan(a.evidence().domainThreshold());
            assertThat(a.evidence().policyVersion()).isEqualTo(1);
        });
        assertThat(verdict.inside()).isTrue();
    }

    @Test
    void check_inputWithoutARequiredField_isRefusedNamingIt() {
        OddPolicy policy = new OddPolicy(null, new OddPolicy.InputRules(null, null, null, null,
                List.of("description", "amount"), null), null, null);

        OddVerdict missing = check(guard(policy), "{\"description\": \"taxi\", \"amount\": \"\"}",
                CLUSTERS.centre(3));
        OddVerdict notJson = check(guard(policy), "taxi to the airport", CLUSTERS.centre(3));
        OddVerdict complete = check(guard(policy), "{\"description\": \"taxi\", \"amount\": 23.1}",
                CLUSTERS.centre(3));

        assertThat(missing).isInstanceOfSatisfying(OddVerdict.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo(OddRule.MISSING_FIELDS);
            assertThat(r.action()).isEqualTo(OddAction.ABSTAIN);
            assertThat(r.reason()).isEqualTo("the input lacks the field amount, which this task's policy requires");
        });
        assertThat(notJson).isInstanceOfSatisfying(OddVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("is not a JSON object"));
        assertThat(complete.inside()).isTrue();
    }

    @Test
    void check_inputUnlikeTheTasksData_isRefusedAsOutOfDomainWithAReasonToShow() {
        OddVerdict verdict = check(guard(OddPolicy.DEFAULT), "an input", CLUSTERS.outOfDomain(1, 9).getFirst());

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo(OddRule.OUT_OF_DOMAIN);
            assertThat(r.action()).isEqualTo(OddAction.REVIEW);
            assertThat(r.reason()).startsWith("input looks unlike this task's data: ")
                    .containsPattern("similarity 0\\.\\d\\d")
                    .containsPattern("\\(out-of-domain score \\d+\\.\\d\\d, threshold \\d+\\.\\d\\d\\)$");
        });
        assertThat(verdict.inside()).isFalse();
    }

    @Test
    void check_ambiguousInDomainInput_abstainsWithThePlausibleLabelsAsCandidates() {
        OddVerdict verdict = check(guard(OddPolicy.DEFAULT), "an input", CLUSTERS.between(0, 1));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Abstained.class, a -> {
            assertThat(a.rule()).isEqualTo(OddRule.LOW_CONFIDENCE);
            assertThat(a.action()).isEqualTo(OddAction.REVIEW);
            assertThat(a.candidates()).extracting(LabelScore::label).containsExactlyInAnyOrder("c0", "c1");
            assertThat(a.reason()).startsWith("not sure enough to answer at 95% coverage: 2 labels remain plausible (c")
                    .endsWith("); a person should pick one");
        });
    }

    @Test
    void check_textLongerThanThePolicyAllows_isRefusedBeforeAnythingElse() {
        OddPolicy policy = new OddPolicy(4, new OddPolicy.InputRules(20, null, null, null), null, null);

        OddVerdict verdict = check(guard(policy), "x".repeat(1234), CLUSTERS.centre(3));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo(OddRule.INPUT_TOO_LONG);
            assertThat(r.action()).isEqualTo(OddAction.ABSTAIN);
            assertThat(r.reason()).isEqualTo("input is 1,234 characters long; this task's policy answers texts of at"
                    + " most 20 characters. Shorten or split it.");
            assertThat(r.evidence().policyVersion()).isEqualTo(4);
            assertThat(r.evidence().domainScore()).isNull();
        });
    }

    @Test
    void check_fullAcceptance_letsUnlikeInputsThrough() {
        OddPolicy policy = new OddPolicy(1, new OddPolicy.InputRules(null, 1.0, null, null), null, null);

        OddVerdict verdict = check(guard(policy), "an input", CLUSTERS.outOfDomain(1, 9).getFirst());

        assertThat(verdict).isNotInstanceOf(OddVerdict.Refused.class);
    }

    @Test
    void check_labelNoLongerInTheTaxonomy_abstainsWithTheFallbackAction() {
        OddGuard guard = OddGuard.create(OddPolicy.DEFAULT, calibration, List.of("c0", "c1", "c2", "c4"));

        OddVerdict verdict = check(guard, "an input", CLUSTERS.centre(3));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Abstained.class, a -> {
            assertThat(a.rule()).isEqualTo(OddRule.LABEL_NOT_IN_TAXONOMY);
            assertThat(a.action()).isEqualTo(OddAction.FALLBACK);
            assertThat(a.reason()).isEqualTo("the model answered 'c3', which is no longer in this task's taxonomy;"
                    + " retrain the task so that its model learns the current labels");
            assertThat(a.candidates()).extracting(LabelScore::label).doesNotContain("c3");
        });
    }

    @Test
    void check_withoutCalibration_abstainsAndSaysToTrain() {
        OddGuard guard = OddGuard.create(OddPolicy.DEFAULT, null, TRAIN.labels());

        OddVerdict verdict = check(guard, "an input", CLUSTERS.centre(3));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Abstained.class, a -> {
            assertThat(a.rule()).isEqualTo(OddRule.LOW_CONFIDENCE);
            assertThat(a.reason()).isEqualTo("this task's model is not calibrated yet, so no answer can be promised"
                    + " to be right at 95%; train it on validated examples first");
        });
    }

    @Test
    void check_inputPeopleRejectedAsOutOfScope_isRefusedWithThatReason() {
        List<float[]> rejected = CLUSTERS.outOfDomain(5, 31);
        OddCalibration withRejected = CALIBRATOR.calibrate(TRAIN, rejected);

        OddVerdict verdict = check(OddGuard.create(OddPolicy.DEFAULT, withRejected, TRAIN.labels()), "an input",
                rejected.get(2));

        assertThat(verdict).isInstanceOfSatisfying(OddVerdict.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo(OddRule.OUT_OF_DOMAIN);
            assertThat(r.reason()).startsWith("input resembles inputs people marked as out of scope for this task:"
                    + " similarity 1.00 to one of them, against 0.");
        });
        assertThat(check(OddGuard.create(OddPolicy.DEFAULT, withRejected, TRAIN.labels()), "an input",
                CLUSTERS.centre(3))).isInstanceOf(OddVerdict.Answered.class);
    }

    @Test
    void check_withAnEnsemble_recordsItsDisagreementInTheEvidence() {
        float[] v = CLUSTERS.centre(3);
        List<Neighbour> neighbours = memory.nearest(v, HyperlocalConfig.DEFAULTS.k());
        Uncertainty ensemble = HeadEnsemble.train(new SoftmaxRegressionTrainer(), TRAIN, 3, 5).uncertainty(v);

        OddVerdict verdict = guard(OddPolicy.DEFAULT).check("an input", v, model.predict(v, neighbours), neighbours,
                ensemble);

        assertThat(verdict.evidence().mutualInformation()).isEqualTo(ensemble.mutualInformation());
        assertThat(check(guard(OddPolicy.DEFAULT), "an input", v).evidence().mutualInformation()).isNull();
    }

    private static OddGuard guard(OddPolicy policy) {
        return OddGuard.create(policy, calibration, TRAIN.labels());
    }

    private static OddVerdict check(OddGuard guard, String text, float[] v) {
        List<Neighbour> neighbours = memory.nearest(v, HyperlocalConfig.DEFAULTS.k());
        Distribution d = model.predict(v, neighbours);
        return guard.check(text, v, d, neighbours);
    }
}
