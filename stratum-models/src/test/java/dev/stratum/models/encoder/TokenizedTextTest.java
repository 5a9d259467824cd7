package dev.stratum.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizedTextTest {
    @Test
    void windows_longText_wrapsEachWindowInSpecialTokens() {
        long[] inner = {10, 11, 12, 13, 14, 15, 16};

        TokenizedText text = TokenizedText.windows(inner, 101, 102, 5);

        assertThat(text.windows()).hasSize(3);
        assertThat(text.windows().get(0)).containsExactly(101, 10, 11, 12, 102);
        assertThat(text.windows().get(1)).containsExactly(101, 13, 14, 15, 102);
        assertThat(text.windows().get(2)).containsExactly(101, 16, 102);
    }

    @Test
    void combine_weighsWindowsByTokenCountAndNormalises() {
        TokenizedText text = new TokenizedText(List.of(new long[4], new long[2]));
        float[][] pooled = {{9, 9}, {1, 0}, {0, 1}, {9, 9}};

        float[] v = text.combine(pooled, 1, 2);

        // 4 * (1, 0) + 2 * (0, 1) = (4, 2), normalised
        assertThat(v[0]).isCloseTo((float) (4 / Math.sqrt(20)), within(1e-6f));
        assertThat(v[1]).isCloseTo((float) (2 / Math.sqrt(20)), within(1e-6f));
    }
}
