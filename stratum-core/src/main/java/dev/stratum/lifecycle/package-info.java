/**
 * The statistics and rules of a model's life after training, as pure computation: the paired test and the gate a
 * candidate must pass against production ({@link dev.stratum.lifecycle.EvaluationGate}, {@link
 * dev.stratum.lifecycle.McNemar}), sticky canary routing ({@link dev.stratum.lifecycle.CanaryRouter}), what a
 * shadowed candidate or a canary did on live traffic ({@link dev.stratum.lifecycle.ShadowStats}, {@link
 * dev.stratum.lifecycle.CanaryStats}) and production's live accuracy for the rollback rule ({@link
 * dev.stratum.lifecycle.LiveAccuracy}). The records they work on (states, history, gate report, rollback rule, a
 * task's lifecycle policy) are in {@code dev.stratum.api.lifecycle}. Nothing here stores, serves or schedules
 * anything; the engine's {@code ModelLifecycle} does, and consults these.
 */
package dev.stratum.lifecycle;
