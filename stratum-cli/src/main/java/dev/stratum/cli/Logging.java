package dev.stratum.cli;

/**
 * Configures SLF4J's simple logger before the first logger exists: to stderr, at a level chosen by the command, so
 * that stdout carries only the command's output. A level given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel}
 * wins.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

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
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
