package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.store.ApiKey;
import dev.stratum.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-key token buckets: a burst, then 429 with Retry-After until the bucket refills; other keys are unaffected. */
class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void bucket_allowsABurst_thenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 3), now::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("k")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.take("k")).as("wait for the next token at 2 per second").isEqualTo(SECOND / 2);
        assertThat(limiter.take("other")).as("another key has its own bucket").isZero();

        now.addAndGet(SECOND / 2);
        assertThat(limiter.take("k")).isZero();
        assertThat(limiter.take("k")).isPositive();
        now.addAndGet(60 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("k")).as("a full bucket again after idling, never more than the burst").isZero();
        }
        assertThat(limiter.take("k")).isPositive();
    }

    @Test
    void overTheLimit_answers429WithRetryAfterAndAProblemBody_perKey_andPublicRoutesStayOpen() {
        TestServer t = TestServer.shared();
        String other = "sk_rate_limit_other_key_0123456789";
        t.engine.store().apiKeys().insert(new ApiKey("key-rate-" + System.nanoTime(), "rate-test", AdminKeys.hash(other),
                "admin", Instant.now()));
        // One token per 1,000 s: the bucket cannot refill while the test runs, however slow the machine.
        try (StratumServer limited = t.startAnother(ServerConfig.defaults().withRateLimit(new RateLimit(0.001, 3)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(get(t, limited, t.adminKey, "/v1/tasks").status()).as("request %d of the burst", i + 1)
                        .isEqualTo(200);
            }
            Reply refused = get(t, limited, t.adminKey, "/v1/tasks");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(refused.errorMessage()).contains("3", "retry after").doesNotContain(t.adminKey);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1000L);
            assertThat(get(t, limited, other, "/v1/tasks").status()).as("another key").isEqualTo(200);
            assertThat(get(t, limited, null, "/v1/health").status()).as("public routes").isEqualTo(200);
        }
    }

    @Test
    void settings_comeFromTheEnvironment_andNonsenseIsRefusedWithTheWayOut() {
        assertThat(RateLimit.fromEnvironment(Map.of(), RateLimit.SERVE_DEFAULT)).isEqualTo(RateLimit.SERVE_DEFAULT);
        assertThat(RateLimit.fromEnvironment(Map.of(RateLimit.RATE_ENV, "off"), RateLimit.SERVE_DEFAULT).limited())
                .isFalse();
        assertThat(RateLimit.fromEnvironment(Map.of(RateLimit.RATE_ENV, "0"), RateLimit.SERVE_DEFAULT).limited())
                .isFalse();
        assertThat(RateLimit.fromEnvironment(Map.of(RateLimit.RATE_ENV, "5", RateLimit.BURST_ENV, "10"),
                RateLimit.SERVE_DEFAULT)).isEqualTo(new RateLimit(5, 10));
        assertThatThrownBy(() -> RateLimit.fromEnvironment(Map.of(RateLimit.RATE_ENV, "fast"), RateLimit.SERVE_DEFAULT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("STRATUM_RATE_LIMIT 'fast'");
        assertThatThrownBy(() -> new RateLimit(10, 0)).hasMessageContaining("STRATUM_RATE_BURST");
        assertThatThrownBy(() -> new RateLimit(-1, 1)).hasMessageContaining("0 for no limit");
    }

    private static Reply get(TestServer t, StratumServer server, String key, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.uri(server, path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return TestServer.send(t.http, request.build());
    }
}
