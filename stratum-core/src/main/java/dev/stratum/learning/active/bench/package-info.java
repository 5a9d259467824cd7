/**
 * {@code stratum bench active}: {@link dev.stratum.learning.active.bench.ActiveBench} simulates the labelling loop on
 * a labelled file, revealing a training label only when a strategy selects it, and measures the learning curve
 * against random sampling and against the model trained on the whole file.
 * {@link dev.stratum.learning.active.bench.LabelledVectors} reads and embeds the labelled files of this bench and of
 * {@code stratum bench noise}.
 */
package dev.stratum.learning.active.bench;
