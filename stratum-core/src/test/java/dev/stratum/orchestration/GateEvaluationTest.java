package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.lifecycle.GateConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The gate's held-out share and minimum as settings. */
class GateEvaluationTest {
    private static final List<Example> EXAMPLES = IntStream.range(0, 1000).mapToObj(i -> new Example(i + 1, "t",
            "example text " + i, "a", ExampleSource.API, null, Instant.EPOCH)).toList();

    @Test
    void aLargerShare_holdsOutASupersetOfTheSmallerOnes_nearTheShare() {
        GateEvaluation.Split fifth = GateEvaluation.split(EXAMPLES, config(0.2, null));
        GateEvaluation.Split third = GateEvaluation.split(EXAMPLES, config(0.33, null));

        assertThat(fifth.heldOut().size()).isBetween(160, 240);
        assertThat(third.heldOut().size()).isBetween(280, 380);
        assertThat(third.heldOut()).containsAll(fifth.heldOut());
        assertThat(third.share()).isEqualTo(0.33);
    }

    @Test
    void belowTheMinimum_nothingIsHeldOut() {
        List<Example> few = new ArrayList<>(EXAMPLES.subList(0, 99));

        assertThat(GateEvaluation.split(few, config(0.2, 100)).heldOut()).isEmpty();
        assertThat(GateEvaluation.split(few, config(0.2, 100)).share()).isZero();
        assertThat(GateEvaluation.split(few, config(0.2, 99)).heldOut()).isNotEmpty();
    }

    private static GateConfig config(double share, Integer min) {
        return new GateConfig(null, null, null, null, share, min);
    }
}
