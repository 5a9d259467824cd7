package dev.stratum.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The out-of-domain share's baseline (the first window) against its newest window. */
class OutOfDomainRateTest {
    @Test
    void rise_isUnknownUntilBothWindowsAreFull() {
        OutOfDomainRate rate = new OutOfDomainRate(4);
        record(rate, false, false, false, true);
        assertThat(rate.rise(10)).as("baseline only").isNull();
        record(rate, true, true, true);
        assertThat(rate.rise(10)).as("newest window not full").isNull();
    }

    @Test
    void rise_comparesTheNewestWindowWithTheFirst_inPoints() {
        OutOfDomainRate rate = new OutOfDomainRate(4);
        record(rate, false, false, false, true); // baseline 0.25
        record(rate, true, false, true, false); // 0.5: 25 points up
        assertThat(rate.rise(25).risen()).as("not more than the limit").isFalse();
        assertThat(rate.rise(24.9).risen()).isTrue();
        assertThat(rate.rise(24.9).points()).isEqualTo(25.0);

        record(rate, false, false, false, false); // the newest four: 0
        OutOfDomainRate.Rise fell = rate.rise(0);
        assertThat(fell.risen()).isFalse();
        assertThat(fell.points()).isEqualTo(-25.0);
        assertThat(fell.describe()).contains("last 4 predictions rose from 0.250", "to 0.000", "limit 0");
    }

    private static void record(OutOfDomainRate rate, boolean... outOfDomain) {
        for (boolean b : outOfDomain) {
            rate.record(b);
        }
    }
}
