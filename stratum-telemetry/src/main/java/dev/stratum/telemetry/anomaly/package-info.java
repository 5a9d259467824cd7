/**
 * Streaming anomaly detectors over metric series: each sees one observation at a time, in one pass, with bounded
 * memory, and reports an {@link dev.stratum.telemetry.anomaly.Anomaly} when the series departs from its own recent
 * behaviour. {@link dev.stratum.telemetry.anomaly.SeriesDetector} combines a robust seasonal baseline (spikes and
 * bursts) with CUSUM (level shifts); {@link dev.stratum.telemetry.anomaly.DistributionDrift} compares a distribution
 * such as prediction confidence with a reference window (population stability index).
 */
package dev.stratum.telemetry.anomaly;
