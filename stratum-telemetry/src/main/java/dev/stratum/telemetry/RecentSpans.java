package dev.stratum.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps the last {@code capacity} finished spans in a ring, overwriting the oldest: bounded memory whatever the
 * traffic. Adding is a short critical section; reading copies.
 */
final class RecentSpans implements SpanProcessor {
    private final SpanData[] ring;
    private long written;

    RecentSpans(int capacity) {
        this.ring = new SpanData[capacity];
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // nothing to do until the span ends
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (ring.length == 0) {
            return;
        }
        SpanData data = span.toSpanData();
        synchronized (this) {
            ring[(int) (written % ring.length)] = data;
            written++;
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Up to {@code limit} spans, newest first, optionally only those of one trace. */
    List<SpanRecord> newest(int limit, String traceId) {
        List<SpanData> copy = new ArrayList<>();
        synchronized (this) {
            long available = Math.min(written, ring.length);
            for (long i = 0; i < available && copy.size() < limit; i++) {
                SpanData data = ring[(int) ((written - 1 - i) % ring.length)];
                if (traceId == null || data.getTraceId().equals(traceId)) {
                    copy.add(data);
                }
            }
        }
        return copy.stream().map(RecentSpans::record).toList();
    }

    private static SpanRecord record(SpanData data) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        data.getAttributes().forEach((AttributeKey<?> key, Object value) -> attributes.put(key.getKey(), value));
        String parent = data.getParentSpanContext().isValid() ? data.getParentSpanId() : null;
        double durationMs = (data.getEndEpochNanos() - data.getStartEpochNanos()) / 1_000_000.0;
        return new SpanRecord(data.getTraceId(), data.getSpanId(), parent, data.getName(),
                data.getKind().name().toLowerCase(Locale.ROOT),
                Instant.ofEpochSecond(0, data.getStartEpochNanos()), Math.round(durationMs * 1000) / 1000.0,
                data.getStatus().getStatusCode().name().toLowerCase(Locale.ROOT), attributes);
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }
}
