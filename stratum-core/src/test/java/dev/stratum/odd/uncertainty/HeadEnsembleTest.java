package dev.stratum.odd.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.odd.SyntheticClusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadEnsembleTest {
    private static final SyntheticClusters CLUSTERS = new SyntheticClusters(4, 16, 0.35, 7);
    private static final TrainingSet DATA = CLUSTERS.trainingSet(20, 1);

    @Test
    void train_sameSeed_givesTheSameHeadsBitForBit() {
        HeadEnsemble first = HeadEnsemble.train(new SoftmaxRegressionTrainer(), DATA, 3, 42);
        HeadEnsemble second = HeadEnsemble.train(new SoftmaxRegressionTrainer(), DATA, 3, 42);

        for (int m = 0; m < 3; m++) {
            assertThat(second.members().get(m).toBytes()).isEqualTo(first.members().get(m).toBytes());
        }
    }

    @Test
    void train_bootstrapResamples_giveMembersThatDiffer() {
        List<TrainedHead> members = HeadEnsemble.train(new SoftmaxRegressionTrainer(), DATA, 3, 42).members();

        assertThat(members.get(0).toBytes()).isNotEqualTo(members.get(1).toBytes());
    }

    @Test
    void uncertainty_inputBetweenClusters_disagreesMoreThanAClusterCentre() {
        HeadEnsemble ensemble = HeadEnsemble.train(new SoftmaxRegressionTrainer(), DATA, 5, 3);

        Uncertainty centre = ensemble.uncertainty(CLUSTERS.centre(0));
        Uncertainty between = ensemble.uncertainty(CLUSTERS.between(0, 1));

        assertThat(centre.mean().top()).isEqualTo("c0");
        assertThat(between.entropy()).isGreaterThan(centre.entropy());
        assertThat(between.mutualInformation()).isGreaterThan(centre.mutualInformation());
        assertThat(between.members()).isEqualTo(5);
    }

    @Test
    void train_zeroMembers_isRefused() {
        assertThatThrownBy(() -> HeadEnsemble.train(new SoftmaxRegressionTrainer(), DATA, 0, 1))
                .hasMessageContaining("at least 1 member, got 0");
    }
}
