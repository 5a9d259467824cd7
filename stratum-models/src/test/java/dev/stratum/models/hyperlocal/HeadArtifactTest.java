package dev.stratum.models.hyperlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.StratumException;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadArtifactTest {
    private static final List<String> LABELS = List.of("travel", "meals", "software", "office");
    private static final String FIXTURE = "softmax-regression-v1.bin";
    private static final double TRAVEL_AT_CENTRE_0 = 0.9039092659950256;
    private static final double MEALS_AT_CENTRE_0 = 0.036704353988170624;
    private static final double OFFICE_AT_CENTRE_3 = 0.8742104172706604;
    private final SoftmaxRegressionTrainer trainer = new SoftmaxRegressionTrainer();

    @Test
    void load_savedHead_predictsIdenticallyAndKeepsHyperparameters() {
        TrainedHead head = trainer.train(ToyData.blobs(LABELS, 4, 10, 7), 5);

        TrainedHead loaded = trainer.load(head.toBytes());

        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            float[] x = ToyData.noisy(i % 4, random, 0.5);
            assertThat(loaded.predict(x)).isEqualTo(head.predict(x));
        }
        assertThat(loaded.kind()).isEqualTo(head.kind());
        assertThat(loaded.hyperparameters()).isEqualTo(head.hyperparameters());
        assertThat(loaded.toBytes()).isEqualTo(head.toBytes());
    }

    /** The fixture was saved by the first version of the format; it must keep loading and predicting the same. */
    @Test
    void load_formatVersion1Fixture_predictsAsWhenSaved() throws IOException {
        TrainedHead loaded = trainer.load(fixture());

        assertThat(loaded.kind()).isEqualTo("softmax-regression");
        assertThat(loaded.hyperparameters()).containsEntry("seed", 5L).containsEntry("examples", 40)
                .containsEntry("l2", 1e-3);
        Distribution travel = loaded.predict(ToyData.centre(0));
        Distribution office = loaded.predict(ToyData.centre(3));
        // Printed by HeadFixtureWriter when the fixture was written.
        assertThat(travel.probability("travel")).isCloseTo(TRAVEL_AT_CENTRE_0, within(1e-7));
        assertThat(office.probability("office")).isCloseTo(OFFICE_AT_CENTRE_3, within(1e-7));
        assertThat(travel.probability("meals")).isCloseTo(MEALS_AT_CENTRE_0, within(1e-7));
    }

    @Test
    void load_flippedByte_throwsChecksumError() throws IOException {
        byte[] bytes = fixture();
        bytes[bytes.length / 2] ^= 1;

        assertThatThrownBy(() -> trainer.load(bytes))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void load_truncatedBytes_throwsTruncatedError() throws IOException {
        byte[] bytes = fixture();

        assertThatThrownBy(() -> trainer.load(Arrays.copyOf(bytes, 200)))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void load_bytesOfSomethingElse_throwsNotAnArtifact() {
        assertThatThrownBy(() -> trainer.load("{\"weights\": []}".getBytes()))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("not a Stratum head artifact");
    }

    @Test
    void read_artifactOfAnotherKind_throwsNamingBothKinds() throws IOException {
        assertThatThrownBy(() -> HeadArtifact.read(fixture(), "gradient-boosting"))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("'softmax-regression' head, not 'gradient-boosting'");
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = HeadArtifactTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("test resource " + FIXTURE).isNotNull();
            return in.readAllBytes();
        }
    }
}
