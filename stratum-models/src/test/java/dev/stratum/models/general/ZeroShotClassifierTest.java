package dev.stratum.models.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.Label;
import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroShotClassifierTest {
    private static final MiniLmEmbeddingModel MODEL = MiniLmEmbeddingModel.shared();
    private static final List<Label> EXPENSES = List.of(
            new Label("travel", "flights, trains, taxis, hotels and other transport"),
            new Label("meals", "restaurants, lunches, dinners and coffee"),
            new Label("software", "software licences, subscriptions and cloud services"));

    @Test
    void predict_taxiToTheAirport_picksTravel() {
        ZeroShotClassifier classifier = ZeroShotClassifier.create(EXPENSES, MODEL);

        Distribution d = classifier.predict(MODEL.embed("taxi to the airport"));

        assertThat(d.top()).isEqualTo("travel");
        assertThat(d.confidence()).isGreaterThan(0.5);
    }

    @Test
    void predict_eachClearTextGoesToItsLabel_evenWithNamesOnly() {
        List<Label> namesOnly = EXPENSES.stream().map(l -> new Label(l.name(), null)).toList();
        ZeroShotClassifier classifier = ZeroShotClassifier.create(namesOnly, MODEL);

        assertThat(classifier.predict(MODEL.embed("taxi to the airport")).top()).isEqualTo("travel");
        assertThat(classifier.predict(MODEL.embed("dinner with the client at an Italian restaurant")).top())
                .isEqualTo("meals");
        assertThat(classifier.predict(MODEL.embed("yearly JetBrains IDE licence")).top()).isEqualTo("software");
    }

    @Test
    void predict_returnsEveryLabelWithProbabilitiesSummingToOne() {
        ZeroShotClassifier classifier = ZeroShotClassifier.create(EXPENSES, MODEL);

        Distribution d = classifier.predict(MODEL.embed("coffee"));

        assertThat(d.scores()).extracting(LabelScore::label).containsExactlyInAnyOrder("travel", "meals", "software");
        assertThat(d.scores().stream().mapToDouble(LabelScore::score).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void predict_higherTemperature_isLessConfident() {
        float[] text = MODEL.embed("taxi to the airport");

        double sharp = ZeroShotClassifier.create(EXPENSES, MODEL, 0.02).predict(text).confidence();
        double soft = ZeroShotClassifier.create(EXPENSES, MODEL, 0.5).predict(text).confidence();

        assertThat(sharp).isGreaterThan(soft);
    }

    @Test
    void create_nonPositiveTemperature_throwsNamingTheDefault() {
        assertThatThrownBy(() -> ZeroShotClassifier.create(EXPENSES, MODEL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0.0")
                .hasMessageContaining("default is 0.05");
    }

    @Test
    void predict_vectorOfAnotherDimension_throws() {
        ZeroShotClassifier classifier = ZeroShotClassifier.create(EXPENSES, MODEL);

        assertThatThrownBy(() -> classifier.predict(new float[768]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("768 dimensions")
                .hasMessageContaining("384");
    }
}
