package dev.stratum.models.hyperlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Neighbour;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNeighbourVoteTest {
    private static final List<String> LABELS = List.of("travel", "meals", "software");

    @Test
    void vote_closerNeighbourOutweighsTwoFartherOnes() {
        NearestNeighbourVote vote = NearestNeighbourVote.create(LABELS, 0.05, -1);

        Distribution d = vote.vote(List.of(new Neighbour(1, "meals", 0.90f), new Neighbour(2, "travel", 0.80f),
                new Neighbour(3, "travel", 0.80f)));

        // exp(0.9 / 0.05) against 2 exp(0.8 / 0.05): e^2 / (e^2 + 2)
        assertThat(d.top()).isEqualTo("meals");
        assertThat(d.probability("meals")).isCloseTo(Math.exp(2) / (Math.exp(2) + 2), within(1e-6));
        assertThat(d.probability("software")).isZero();
    }

    @Test
    void vote_noNeighbours_isUniform() {
        Distribution d = NearestNeighbourVote.create(LABELS).vote(List.of());

        assertThat(d.scores()).extracting(LabelScore::score)
                .allSatisfy(p -> assertThat(p).isCloseTo(1.0 / 3, within(1e-12)));
    }

    @Test
    void vote_loneDistantNeighbour_isNotConfident_whileALoneCloseOneIs() {
        NearestNeighbourVote vote = NearestNeighbourVote.create(LABELS, 0.05, 0.6);

        Distribution distant = vote.vote(List.of(new Neighbour(1, "travel", 0.3f)));
        Distribution close = vote.vote(List.of(new Neighbour(1, "travel", 0.9f)));

        assertThat(distant.top()).isEqualTo("travel");
        assertThat(distant.confidence()).isLessThan(0.4);
        assertThat(close.confidence()).isGreaterThan(0.99);
    }

    @Test
    void vote_probabilitiesSumToOne() {
        Distribution d = NearestNeighbourVote.create(LABELS)
                .vote(List.of(new Neighbour(1, "meals", 0.7f), new Neighbour(2, "travel", 0.65f)));

        assertThat(d.scores().stream().mapToDouble(LabelScore::score).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void vote_neighbourWithLabelOutsideTheLabelSpace_isIgnored() {
        NearestNeighbourVote vote = NearestNeighbourVote.create(LABELS, 0.05, -1);

        Distribution d = vote.vote(List.of(new Neighbour(1, "retired", 0.99f), new Neighbour(2, "meals", 0.5f)));

        assertThat(d.top()).isEqualTo("meals");
        assertThat(d.scores()).extracting(LabelScore::label).doesNotContain("retired");
    }

    @Test
    void vote_onlyUnknownLabelsAndNoPrior_isUniformNotNaN() {
        NearestNeighbourVote vote = NearestNeighbourVote.create(LABELS, 0.001, -1);

        Distribution d = vote.vote(List.of(new Neighbour(1, "retired", 0.99f)));

        assertThat(d.scores()).extracting(LabelScore::score)
                .allSatisfy(p -> assertThat(p).isCloseTo(1.0 / 3, within(1e-12)));
    }

    @Test
    void create_duplicateLabel_throws() {
        assertThatThrownBy(() -> NearestNeighbourVote.create(List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 'a' appears twice");
    }
}
