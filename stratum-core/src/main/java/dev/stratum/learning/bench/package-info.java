/**
 * Benchmarks of the learning loop on labelled files: {@link dev.stratum.learning.bench.ClassifyBench} trains fresh
 * hyperlocal models on k examples per label (or all of them) over several seeds and measures accuracy, training
 * time and predict latency, the engine behind {@code stratum bench classify}.
 */
package dev.stratum.learning.bench;
