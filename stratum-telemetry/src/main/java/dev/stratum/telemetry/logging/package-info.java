/**
 * Log output: human-readable lines or one JSON object per line (Logback's JSON encoder), each carrying the trace and
 * span ids of the span current when it was logged. Needs Logback on the class path, which the application brings.
 */
package dev.stratum.telemetry.logging;
