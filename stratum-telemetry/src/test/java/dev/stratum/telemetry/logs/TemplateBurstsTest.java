package dev.stratum.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.telemetry.anomaly.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateBurstsTest {
    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private static final TemplateBursts.Config CONFIG =
            new TemplateBursts.Config(Duration.ofMinutes(1), Duration.ofMinutes(10), 3, 10, 0.1);

    /** Template 1 five times a minute for {@code minutes}, from {@code from}; returns what was flagged. */
    private static List<Anomaly> steady(TemplateBursts bursts, int fromMinute, int minutes) {
        List<Anomaly> found = new ArrayList<>();
        for (int m = fromMinute; m < fromMinute + minutes; m++) {
            for (int i = 0; i < 5; i++) {
                found.addAll(bursts.add(1, T0.plus(Duration.ofMinutes(m)).plusSeconds(i * 10)));
            }
        }
        return found;
    }

    @Test
    void steadyTraffic_isNoAnomaly() {
        TemplateBursts bursts = new TemplateBursts(CONFIG);
        assertThat(steady(bursts, 0, 60)).isEmpty();
    }

    @Test
    void aNewTemplateAfterWarmUp_appearingSeveralTimes_isAnomaly() {
        TemplateBursts bursts = new TemplateBursts(CONFIG);
        steady(bursts, 0, 20);
        for (int i = 0; i < 4; i++) {
            bursts.add(2, T0.plus(Duration.ofMinutes(20)).plusSeconds(i));
        }
        List<Anomaly> found = steady(bursts, 20, 2);

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.signal()).isEqualTo("log.template{id=2}");
            assertThat(a.value()).isEqualTo(4);
            assertThat(a.at()).isEqualTo(T0.plus(Duration.ofMinutes(21)));
        });
    }

    @Test
    void aNewTemplateSeenOnce_orDuringWarmUp_isNoAnomaly() {
        TemplateBursts bursts = new TemplateBursts(CONFIG);
        for (int i = 0; i < 5; i++) {
            bursts.add(3, T0.plusSeconds(i));
        }
        steady(bursts, 0, 20);
        bursts.add(2, T0.plus(Duration.ofMinutes(20)).plusSeconds(1));

        assertThat(steady(bursts, 20, 5)).isEmpty();
    }

    @Test
    void aKnownTemplate_burstingToTenTimesItsUsualCount_isAnomaly() {
        TemplateBursts bursts = new TemplateBursts(CONFIG);
        List<Anomaly> found = new ArrayList<>(steady(bursts, 0, 30));
        for (int i = 0; i < 60; i++) {
            found.addAll(bursts.add(1, T0.plus(Duration.ofMinutes(30)).plusMillis(i * 500L)));
        }
        found.addAll(steady(bursts, 31, 1));

        assertThat(found).singleElement().satisfies(a -> assertThat(a.score()).isGreaterThan(10));
    }
}
