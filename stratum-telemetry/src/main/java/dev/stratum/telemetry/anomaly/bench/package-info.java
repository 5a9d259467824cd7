/**
 * {@code stratum bench anomaly}: runs the metric detectors over labelled series in the Numenta Anomaly Benchmark
 * layout (CSV {@code timestamp,value}; windows as in NAB's {@code combined_windows.json}) and scores them by window.
 */
package dev.stratum.telemetry.anomaly.bench;
