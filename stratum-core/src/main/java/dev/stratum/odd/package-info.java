/**
 * The operational design domain (ODD) of a classification task: the rules an answer must satisfy to leave Stratum,
 * and the machinery that checks them. {@link dev.stratum.api.odd.OddPolicy} declares the rules (input length, input
 * out-of-domain acceptance, labels in the taxonomy, conformal coverage) and what to do when one fails;
 * {@link dev.stratum.odd.OddCalibrator} measures, at training time and on the task's own examples, what the rules
 * need ({@link dev.stratum.odd.OddCalibration}); {@link dev.stratum.odd.OddGuard} checks each prediction and returns
 * an {@link dev.stratum.odd.OddVerdict}: answered, abstained with candidates, or refused as out of domain, with a
 * reason an application can show.
 *
 * <p>The parts: {@code uncertainty} (ensembles, temperature scaling, calibration error), {@code conformal}
 * (prediction sets with a coverage guarantee) and {@code domain} (the input out-of-domain score).
 */
package dev.stratum.odd;
