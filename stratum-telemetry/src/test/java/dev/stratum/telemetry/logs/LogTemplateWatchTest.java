package dev.stratum.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogTemplateWatchTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogTemplateWatchTest.class);

    @Test
    void logLines_areMinedIntoTemplates_andABurstOfANewOneIsCounted() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LogTemplateWatch watch = LogTemplateWatch.attach(registry, LogTemplateMiner.Config.DEFAULTS,
                new TemplateBursts.Config(Duration.ofMillis(500), Duration.ZERO, 3, 10, 0.1));
        try {
            LOG.warn("task {} trained in {} ms", "alpha", 412);
            LOG.warn("task {} trained in {} ms", "beta", 380);
            Thread.sleep(600);
            for (int i = 0; i < 5; i++) {
                LOG.warn("store unavailable after {} attempts", i + 1);
            }
            Thread.sleep(600);
            LOG.warn("task {} trained in {} ms", "gamma", 401);

            assertThat(watch.templates()).extracting(LogTemplateMiner.Template::text).contains(
                    LogTemplateWatchTest.class.getName() + " task <*> trained in <*> ms",
                    LogTemplateWatchTest.class.getName() + " store unavailable after <*> attempts");
            assertThat(watch.recent()).singleElement().satisfies(a -> assertThat(a.value()).isEqualTo(5));
            assertThat(registry.get("stratum.log.template.bursts").counter().count()).isEqualTo(1);
            assertThat(registry.get("stratum.log.templates").gauge().value()).isEqualTo(2);
        } finally {
            watch.detach();
        }
    }
}
