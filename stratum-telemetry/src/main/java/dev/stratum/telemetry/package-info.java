/**
 * Stratum's telemetry runtime: the OpenTelemetry SDK (spans exported over OTLP when an endpoint is configured, and
 * always kept in a bounded in-process buffer for the API), the Prometheus meter registry with JVM metrics, and their
 * configuration. The engine only sees the light APIs; this module owns the SDKs.
 */
package dev.stratum.telemetry;
