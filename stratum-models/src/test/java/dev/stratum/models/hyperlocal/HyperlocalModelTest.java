package dev.stratum.models.hyperlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.store.Neighbour;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperlocalModelTest {
    private static final List<String> LABELS = List.of("travel", "meals", "software", "office");
    private static final TrainedHead HEAD = new SoftmaxRegressionTrainer().train(ToyData.blobs(LABELS, 4, 20, 7), 1);
    private static final HyperlocalConfig CONFIG = new HyperlocalConfig(10, 0.05, 0.6, 0.5, 0.97);

    @Test
    void predict_withoutHead_isTheVoteOfTheNeighbours() {
        HyperlocalModel model = HyperlocalModel.create(LABELS, null, NeighbourLookup.NONE, CONFIG);
        List<Neighbour> neighbours = List.of(new Neighbour(1, "meals", 0.9f), new Neighbour(2, "travel", 0.7f));

        Distribution d = model.predict(ToyData.centre(0), neighbours);

        assertThat(d).isEqualTo(NearestNeighbourVote.create(LABELS, 0.05, 0.6).vote(neighbours));
    }

    @Test
    void predict_withNeitherHeadNorNeighbours_isUniform() {
        HyperlocalModel model = HyperlocalModel.create(LABELS, null, NeighbourLookup.NONE, CONFIG);

        assertThat(model.predict(ToyData.centre(0)).confidence()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void predict_withHeadAndNoNeighbours_isTheHead() {
        HyperlocalModel model = HyperlocalModel.create(LABELS, HEAD, NeighbourLookup.NONE, CONFIG);

        Distribution d = model.predict(ToyData.centre(2));

        assertThat(d.top()).isEqualTo("software");
        assertThat(d.confidence()).isCloseTo(HEAD.predict(ToyData.centre(2)).confidence(), within(1e-6));
    }

    @Test
    void predict_nearDuplicateExample_overridesTheHead() {
        HyperlocalModel model = HyperlocalModel.create(LABELS, HEAD, NeighbourLookup.NONE, CONFIG);
        // The head says travel for this vector; a person has just corrected the same text to office.
        List<Neighbour> corrected = List.of(new Neighbour(9, "office", 0.99f), new Neighbour(3, "travel", 0.8f));

        Distribution d = model.predict(ToyData.centre(0), corrected);

        assertThat(HEAD.predict(ToyData.centre(0)).top()).isEqualTo("travel");
        assertThat(d.top()).isEqualTo("office");
        assertThat(d.confidence()).isGreaterThan(0.9);
    }

    @Test
    void predict_belowDuplicateSimilarity_blendsHeadAndVoteEqually() {
        HyperlocalModel model = HyperlocalModel.create(LABELS, HEAD, NeighbourLookup.NONE, CONFIG);
        List<Neighbour> neighbours = List.of(new Neighbour(9, "office", 0.9f));
        float[] x = ToyData.centre(0);

        Distribution d = model.predict(x, neighbours);

        Distribution head = HEAD.predict(x);
        Distribution vote = NearestNeighbourVote.create(LABELS, 0.05, 0.6).vote(neighbours);
        for (String label : LABELS) {
            assertThat(d.probability(label)).as(label)
                    .isCloseTo(0.5 * head.probability(label) + 0.5 * vote.probability(label), within(1e-6));
        }
    }

    @Test
    void predict_labelAddedAfterTraining_appearsAndCanWinThroughTheMemory() {
        List<String> grown = new ArrayList<>(LABELS);
        grown.add("training");
        HyperlocalModel model = HyperlocalModel.create(grown, HEAD, NeighbourLookup.NONE, CONFIG);

        Distribution d = model.predict(ToyData.centre(5), List.of(new Neighbour(12, "training", 0.98f)));

        assertThat(d.scores()).hasSize(5);
        assertThat(d.top()).isEqualTo("training");
    }

    @Test
    void predict_withoutNeighbours_asksTheMemoryForKOfThem() {
        List<Integer> asked = new ArrayList<>();
        NeighbourLookup memory = (query, k) -> {
            asked.add(k);
            return List.of(new Neighbour(1, "meals", 0.99f));
        };
        HyperlocalModel model = HyperlocalModel.create(LABELS, HEAD, memory, CONFIG);

        Distribution d = model.predict(ToyData.centre(0));

        assertThat(asked).containsExactly(10);
        assertThat(d.top()).isEqualTo("meals");
    }
}
