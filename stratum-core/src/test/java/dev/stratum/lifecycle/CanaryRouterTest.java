package dev.stratum.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CanaryRouterTest {
    private static final int KEYS = 200_000;

    @Test
    void routesToCanary_sameKey_getsTheSameAnswerEveryTime() {
        CanaryRouter router = new CanaryRouter("expenses-v7", 0.3);
        CanaryRouter again = new CanaryRouter("expenses-v7", 0.3);
        for (int i = 0; i < 1_000; i++) {
            String key = "key:" + i;
            boolean first = router.routesToCanary(key);
            assertThat(router.routesToCanary(key)).isEqualTo(first);
            assertThat(again.routesToCanary(key)).isEqualTo(first);
        }
    }

    @Test
    void routesToCanary_manySequentialKeys_convergesToTheShare() {
        for (double share : new double[] {0.01, 0.05, 0.1, 0.5, 0.9}) {
            CanaryRouter router = new CanaryRouter("expenses-v7", share);
            int routed = 0;
            for (int i = 0; i < KEYS; i++) {
                routed += router.routesToCanary("key:" + i) ? 1 : 0;
            }
            // A uniform hash routes Binomial(KEYS, share) keys; 4 standard deviations leave a fair router a
            // 1-in-15,000 chance of failing, while a router off by a tenth of the share at 5% fails.
            double sd = Math.sqrt(share * (1 - share) / KEYS);
            assertThat((double) routed / KEYS).as("share %s", share).isCloseTo(share,
                    within(4 * sd));
        }
    }

    @Test
    void routesToCanary_shareZeroOrOne_routesNoneOrAll() {
        CanaryRouter none = new CanaryRouter("v", 0);
        CanaryRouter all = new CanaryRouter("v", 1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.routesToCanary("key:" + i)).isFalse();
            assertThat(all.routesToCanary("key:" + i)).isTrue();
        }
    }

    @Test
    void routesToCanary_raisingTheShare_onlyAddsKeys() {
        CanaryRouter small = new CanaryRouter("expenses-v7", 0.1);
        CanaryRouter large = new CanaryRouter("expenses-v7", 0.25);
        for (int i = 0; i < 50_000; i++) {
            if (small.routesToCanary("key:" + i)) {
                assertThat(large.routesToCanary("key:" + i)).isTrue();
            }
        }
    }

    @Test
    void routesToCanary_anotherCandidate_drawsItsKeysIndependently() {
        double share = 0.2;
        CanaryRouter first = new CanaryRouter("expenses-v7", share);
        CanaryRouter second = new CanaryRouter("expenses-v8", share);
        int both = 0;
        for (int i = 0; i < KEYS; i++) {
            both += first.routesToCanary("key:" + i) && second.routesToCanary("key:" + i) ? 1 : 0;
        }
        // Independent draws overlap on share^2 of the keys; the same draw would overlap on share.
        double expected = share * share;
        double sd = Math.sqrt(expected * (1 - expected) / KEYS);
        assertThat((double) both / KEYS).isCloseTo(expected, within(4 * sd));
    }

    @Test
    void stickyKey_prefersTheApiKey_elseHashesTheText() {
        assertThat(CanaryRouter.stickyKey("k_123", "taxi to the airport")).isEqualTo("key:k_123");
        String byText = CanaryRouter.stickyKey(null, "taxi to the airport");
        assertThat(byText).startsWith("text:").doesNotContain("taxi")
                .isEqualTo(CanaryRouter.stickyKey(null, "taxi to the airport"))
                .isNotEqualTo(CanaryRouter.stickyKey(null, "taxi to the station"));
    }

    @Test
    void create_shareOutsideZeroToOne_isRefusedWithTheRange() {
        assertThatThrownBy(() -> new CanaryRouter("expenses-v7", 1.5))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the canary share of version expenses-v7 is 1.5; use the share of traffic it should"
                        + " answer, from 0 to 1 (0.05 is 5%)");
        assertThatThrownBy(() -> new CanaryRouter("expenses-v7", Double.NaN))
                .isInstanceOf(InvalidRequestException.class);
    }
}
