package dev.stratum.telemetry.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code, replacing whatever configuration it found: one appender (a standard stream, a file, or a
 * given stream) with the readable or the JSON encoder, and the filter that adds trace ids. Call it before the first
 * lines that matter are logged; calling it again replaces the previous setup.
 */
public final class LogSetup {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    private LogSetup() {}

    /** Logs as {@code settings} say. */
    public static void configure(LogSettings settings) {
        LoggerContext context = reset(settings);
        OutputStreamAppender<ILoggingEvent> appender;
        if (settings.file() != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(settings.file().toAbsolutePath().toString());
            file.setAppend(true);
            appender = file;
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(settings.stdout() ? "System.out" : "System.err");
            appender = console;
        }
        attach(context, settings, appender);
    }

    /** Logs as {@code settings} say, but into {@code out} (for tests and embedding). */
    public static void configure(LogSettings settings, OutputStream out) {
        LoggerContext context = reset(settings);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(out);
        attach(context, settings, appender);
    }

    private static LoggerContext reset(LogSettings settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J is bound to " + LoggerFactory.getILoggerFactory().getClass()
                    + ", not Logback; put logback-classic on the class path (and no other SLF4J provider)");
        }
        context.reset();
        context.addTurboFilter(new TraceContextFilter());
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(settings.level()));
        // The tokenizer library probes for CUDA and warns that there is none; Stratum runs on the CPU on purpose.
        context.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(Level.ERROR);
        return context;
    }

    private static void attach(LoggerContext context, LogSettings settings,
            OutputStreamAppender<ILoggingEvent> appender) {
        Encoder<ILoggingEvent> encoder = settings.format() == LogFormat.JSON ? json(context) : text(context);
        appender.setContext(context);
        appender.setName(settings.format().name().toLowerCase(java.util.Locale.ROOT));
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // The formatted message only: the raw pattern and its arguments would repeat it, and the context block and
        // sequence numbers add nothing a log pipeline uses.
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
