package dev.stratum.telemetry.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.stratum.telemetry.anomaly.Anomaly;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Watches the process's own log lines: a Logback appender that mines each line's template ({@link LogTemplateMiner})
 * and flags bursts of new or rare templates ({@link TemplateBursts}). It keeps templates and counts, never the lines;
 * the metrics {@code stratum.log.templates} (templates kept) and {@code stratum.log.template.bursts} (anomalies found)
 * show what it sees, and {@link #recent} the latest anomalies.
 */
public final class LogTemplateWatch extends AppenderBase<ILoggingEvent> {
    private static final int RECENT = 100;

    private final LogTemplateMiner miner;
    private final TemplateBursts bursts;
    private final Counter found;
    private final Deque<Anomaly> recent = new ArrayDeque<>();

    private LogTemplateWatch(LogTemplateMiner miner, TemplateBursts bursts, MeterRegistry registry) {
        this.miner = miner;
        this.bursts = bursts;
        this.found = Counter.builder("stratum.log.template.bursts")
                .description("Bursts of new or rare log templates found in this process's own log lines")
                .register(registry);
        Gauge.builder("stratum.log.templates", miner, m -> m.templates().size())
                .description("Log templates mined from this process's own log lines and kept").register(registry);
    }

    /** Attaches a watch with the default settings to Logback's root logger, reporting to {@code registry}. */
    public static LogTemplateWatch attach(MeterRegistry registry) {
        return attach(registry, LogTemplateMiner.Config.DEFAULTS, TemplateBursts.Config.DEFAULTS);
    }

    public static LogTemplateWatch attach(MeterRegistry registry, LogTemplateMiner.Config mining,
            TemplateBursts.Config bursting) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("watching log templates needs Logback as the SLF4J provider");
        }
        LogTemplateWatch watch = new LogTemplateWatch(new LogTemplateMiner(mining), new TemplateBursts(bursting),
                registry);
        watch.setContext(context);
        watch.setName("template-watch");
        watch.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(watch);
        return watch;
    }

    /** Detaches from Logback. */
    public void detach() {
        ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        // The logger's name leads, so that one message pattern from two classes stays two templates.
        long template = miner.add(event.getLoggerName() + " " + event.getFormattedMessage()).template().id();
        for (Anomaly anomaly : bursts.add(template, Instant.ofEpochMilli(event.getTimeStamp()))) {
            found.increment();
            recent.addFirst(anomaly);
            if (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
    }

    /** The latest anomalies found, newest first. */
    public synchronized List<Anomaly> recent() {
        return List.copyOf(recent);
    }

    /** The templates mined so far, most lines first. */
    public List<LogTemplateMiner.Template> templates() {
        return miner.templates();
    }
}
