package dev.stratum.models.hyperlocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wrote the format-version-1 fixture that {@link HeadArtifactTest} loads. Kept to show how the fixture was made;
 * never rewrite a fixture of a released format, add one for the new version instead.
 */
final class HeadFixtureWriter {
    static final List<String> LABELS = List.of("travel", "meals", "software", "office");
    static final SoftmaxRegressionConfig CONFIG = new SoftmaxRegressionConfig(1e-3, 20, 100, 8, 0.05, true);

    private HeadFixtureWriter() {}

    public static void main(String[] args) throws IOException {
        SoftmaxRegressionHead head =
                (SoftmaxRegressionHead) new SoftmaxRegressionTrainer(CONFIG).train(ToyData.blobs(LABELS, 4, 10, 7), 5);
        Path out = Path.of(args[0]);
        Files.write(out, head.toBytes());
        for (int c = 0; c < 4; c++) {
            System.out.println("centre " + c + ": " + head.predict(ToyData.centre(c)).scores());
        }
    }
}
