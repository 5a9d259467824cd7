package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbedNearDuplicatesTest {
    @Test
    void dropWord_dropsTheMiddleWordOfThreeOrMore() {
        assertThat(EmbedNearDuplicates.dropWord("where is my new card")).isEqualTo("where is new card");
        assertThat(EmbedNearDuplicates.dropWord("card  arrived today")).isEqualTo("card today");
    }

    @Test
    void dropWord_shortText_isKept() {
        assertThat(EmbedNearDuplicates.dropWord("card arrived")).isEqualTo("card arrived");
    }

    @Test
    void quartile_isTheValueThreeQuartersKeepOrExceed() {
        assertThat(EmbedNearDuplicates.quartile(new double[] {0.9, 0.1, 0.5, 0.7, 0.3})).isEqualTo(0.3);
        assertThat(EmbedNearDuplicates.quartile(new double[] {0.4})).isEqualTo(0.4);
    }
}
