/**
 * Log anomalies: templates mined online from log lines ({@link dev.stratum.telemetry.logs.LogTemplateMiner}, Drain)
 * and bursts of rare or new templates ({@link dev.stratum.telemetry.logs.TemplateBursts}).
 */
package dev.stratum.telemetry.logs;
