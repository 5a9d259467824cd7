package dev.stratum.telemetry.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current span's trace and span ids in the MDC just before an enabled event is created, so every line logged
 * inside a span carries them without any code having to set them. Runs in the logging thread, where the span is
 * current; events outside any span get neither key.
 */
final class TraceContextFilter extends TurboFilter {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Not logger.isEnabledFor: it runs the turbo filters, this one included.
        if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
        } else {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
        return FilterReply.NEUTRAL;
    }
}
