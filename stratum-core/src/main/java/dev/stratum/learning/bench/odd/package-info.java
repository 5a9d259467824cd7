/**
 * {@code stratum bench odd}: how well the operational design domain checks of {@link dev.stratum.odd} keep answers
 * inside the domain on labelled files, either against a file of out-of-domain inputs or by the open-set protocol
 * (a share of the labels held out of training, their test items playing the unknown). The engine is
 * {@link dev.stratum.learning.bench.odd.OddBench}.
 */
package dev.stratum.learning.bench.odd;
