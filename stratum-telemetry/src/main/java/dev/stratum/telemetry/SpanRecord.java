package dev.stratum.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * A finished span as the API shows it.
 *
 * @param parentSpanId the parent's span id, or null for a root span
 * @param kind {@code server}, {@code internal}, ...
 * @param status {@code unset}, {@code ok} or {@code error}
 * @param attributes the span's attributes; values are strings, numbers or booleans
 */
public record SpanRecord(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        String kind,
        Instant start,
        double durationMs,
        String status,
        Map<String, Object> attributes) {
    public SpanRecord {
        attributes = Map.copyOf(attributes);
    }
}
