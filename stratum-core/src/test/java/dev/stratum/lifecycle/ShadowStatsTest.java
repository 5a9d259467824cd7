package dev.stratum.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class ShadowStatsTest {
    @Test
    void snapshot_countsAgreementAndAccuracyOnFeedback() {
        ShadowStats stats = new ShadowStats();
        stats.recordPrediction("p1", "travel", "travel");
        stats.recordPrediction("p2", "travel", "meals");
        stats.recordPrediction("p3", "meals", "meals");
        stats.recordPrediction("p4", null, "meals");

        assertThat(stats.recordFeedback("p2", "meals")).isTrue();
        assertThat(stats.recordFeedback("p4", "meals")).isTrue();
        assertThat(stats.recordFeedback("p3", "travel")).isTrue();

        ShadowStats.Snapshot s = stats.snapshot();
        assertThat(s.predictions()).isEqualTo(4);
        assertThat(s.agreements()).isEqualTo(2);
        assertThat(s.agreementRate()).isEqualTo(0.5);
        assertThat(s.withFeedback()).isEqualTo(3);
        assertThat(s.productionCorrect()).isZero();
        assertThat(s.candidateCorrect()).isEqualTo(2);
        assertThat(s.productionAccuracy()).isZero();
        assertThat(s.candidateAccuracy()).isEqualTo(2.0 / 3);
        assertThat(s.awaitingFeedback()).isEqualTo(1);
    }

    @Test
    void recordFeedback_secondFeedbackOrUnknownPrediction_isNotScored() {
        ShadowStats stats = new ShadowStats();
        stats.recordPrediction("p1", "travel", "meals");
        assertThat(stats.recordFeedback("p1", "travel")).isTrue();
        assertThat(stats.recordFeedback("p1", "meals")).isFalse();
        assertThat(stats.recordFeedback("not-shadowed", "meals")).isFalse();
        assertThat(stats.snapshot().withFeedback()).isEqualTo(1);
        assertThat(stats.snapshot().productionCorrect()).isEqualTo(1);
    }

    @Test
    void recordPrediction_sameIdTwice_countsOnce() {
        ShadowStats stats = new ShadowStats();
        stats.recordPrediction("p1", "travel", "travel");
        stats.recordPrediction("p1", "travel", "meals");
        assertThat(stats.snapshot().predictions()).isEqualTo(1);
        assertThat(stats.snapshot().agreements()).isEqualTo(1);
    }

    @Test
    void recordPrediction_beyondCapacity_dropsTheOldestPairs() {
        ShadowStats stats = new ShadowStats(3);
        for (int i = 1; i <= 5; i++) {
            stats.recordPrediction("p" + i, "travel", "travel");
        }
        assertThat(stats.recordFeedback("p1", "travel")).isFalse();
        assertThat(stats.recordFeedback("p2", "travel")).isFalse();
        assertThat(stats.recordFeedback("p3", "travel")).isTrue();
        ShadowStats.Snapshot s = stats.snapshot();
        assertThat(s.predictions()).isEqualTo(5);
        assertThat(s.expired()).isEqualTo(2);
        assertThat(s.awaitingFeedback()).isEqualTo(2);
    }

    @Test
    void snapshot_empty_hasZeroRatesNotNaN() {
        ShadowStats.Snapshot s = new ShadowStats().snapshot();
        assertThat(s.agreementRate()).isZero();
        assertThat(s.productionAccuracy()).isZero();
        assertThat(s.candidateAccuracy()).isZero();
    }

    @Test
    void recordFromManyThreads_losesNoCount() throws Exception {
        int threads = 8;
        int perThread = 50_000;
        ShadowStats stats = new ShadowStats(threads * perThread);
        // Production is right on every item, the candidate on every other one; they agree there.
        inParallel(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                stats.recordPrediction(thread + "-" + i, "a", i % 2 == 0 ? "a" : "b");
            }
        });
        inParallel(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                stats.recordFeedback(thread + "-" + i, "a");
            }
        });

        ShadowStats.Snapshot s = stats.snapshot();
        long total = (long) threads * perThread;
        assertThat(s.predictions()).isEqualTo(total);
        assertThat(s.agreements()).isEqualTo(total / 2);
        assertThat(s.withFeedback()).isEqualTo(total);
        assertThat(s.productionCorrect()).isEqualTo(total);
        assertThat(s.candidateCorrect()).isEqualTo(total / 2);
        assertThat(s.awaitingFeedback()).isZero();
    }

    /** Runs {@code work} on that many threads at once, released together, and waits for all of them. */
    private static void inParallel(int threads, IntConsumer work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
