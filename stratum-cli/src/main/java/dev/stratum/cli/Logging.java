package dev.stratum.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures logging before the first logger exists: SLF4J's simple logger to stderr at a level chosen by the
 * command, so that stdout carries only the command's output, and Lucene's java.util.logging output to match. A level
 * given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** Held here because java.util.logging keeps loggers only weakly, and would forget the level set on it. */
    private static final Logger LUCENE = Logger.getLogger("org.apache.lucene");

    private Logging() {}

    static void configure(String defaultLevel) {
        setIfAbsent("defaultLogLevel", defaultLevel);
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("showThreadName", "false");
        // The tokenizer library probes for CUDA and warns that there is none; Stratum runs on the CPU on purpose.
        setIfAbsent("log.ai.djl.util.cuda.CudaUtils", "error");
        if (defaultLevel.equals("warn") || defaultLevel.equals("error")) {
            LUCENE.setLevel(Level.WARNING);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
