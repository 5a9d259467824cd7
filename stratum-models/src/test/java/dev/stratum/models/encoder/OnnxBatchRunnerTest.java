package dev.stratum.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxBatchRunnerTest {
    private static final List<long[]> WINDOWS =
            List.of(new long[10], new long[3], new long[7], new long[5], new long[5], new long[2]);

    @Test
    void plan_longestFirst_fillsEachBatchUpToTheTokenLimit() {
        List<int[]> batches = OnnxBatchRunner.plan(WINDOWS, 12);

        // lengths 10 | 7 | 5, 5 | 3, 2: each batch is padded to its first (longest) window
        assertThat(batches).satisfiesExactly(
                b -> assertThat(b).containsExactly(0),
                b -> assertThat(b).containsExactly(2),
                b -> assertThat(b).containsExactly(3, 4),
                b -> assertThat(b).containsExactly(1, 5));
    }

    @Test
    void plan_limitBelowTheLongestWindow_stillRunsItAlone() {
        List<int[]> batches = OnnxBatchRunner.plan(WINDOWS, 1);

        assertThat(batches).hasSize(WINDOWS.size()).allSatisfy(b -> assertThat(b).hasSize(1));
        assertThat(batches.getFirst()).containsExactly(0);
    }

    @Test
    void plan_largeLimit_putsEveryWindowInOneBatch() {
        assertThat(OnnxBatchRunner.plan(WINDOWS, 1000)).singleElement()
                .satisfies(b -> assertThat(b).containsExactly(0, 2, 3, 4, 1, 5));
    }

    /**
     * One thread's buffers serve batches of every shape, longest first: ids, mask and output must be rewritten
     * whole each time, so every batch gives bit for bit what it gives with buffers of its own.
     */
    @Test
    void run_reusedBuffers_giveTheSameVectorsAsFreshOnes() throws OrtException, IOException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream model = getClass().getClassLoader()
                        .getResourceAsStream(MiniLmEmbeddingModel.SPEC.modelResource());
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(model.readAllBytes(), options)) {
            var runner = new OnnxBatchRunner(environment, session, "last_hidden_state", true, Pooling.MEAN, 384, "t");
            List<long[]> windows = randomWindows(120);
            BatchBuffers reused = new BatchBuffers(384);

            for (int[] members : OnnxBatchRunner.plan(windows, 256)) {
                List<long[]> batch = new ArrayList<>();
                for (int i : members) {
                    batch.add(windows.get(i));
                }

                float[][] again = runner.run(batch, reused);
                float[][] fresh = runner.run(batch, new BatchBuffers(384));

                assertThat(again).isDeepEqualTo(fresh);
            }
        }
    }

    /** [CLS], 1 to 40 word-piece ids from the vocabulary's ordinary range, [SEP]. */
    private static List<long[]> randomWindows(int count) {
        Random random = new Random(7);
        List<long[]> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] window = new long[2 + 1 + random.nextInt(40)];
            window[0] = 101;
            for (int t = 1; t < window.length - 1; t++) {
                window[t] = 1000 + random.nextInt(20_000);
            }
            window[window.length - 1] = 102;
            windows.add(window);
        }
        return windows;
    }
}
