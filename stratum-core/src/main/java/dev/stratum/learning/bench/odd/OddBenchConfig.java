package dev.stratum.learning.bench.odd;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@link OddBench} runs.
 *
 * @param train the labelled training file (CSV with a header, or JSON lines when it ends in .jsonl)
 * @param test the labelled in-domain test file, same formats; null when {@code validationShare} is set
 * @param ood a file of out-of-domain inputs (only a text column is needed), or null for the open-set protocol
 * @param holdoutLabels for the open-set protocol, the share of labels removed from training whose test items become
 *     the out-of-domain set; 0 with an {@code ood} file
 * @param seeds how many seeds to run, from {@code firstSeed} on; a seed draws the held-out labels, the folds and the
 *     models' training order
 * @param coverage the conformal coverage target of the policy
 * @param acceptance the share of in-domain inputs the out-of-domain check accepts
 * @param textColumn the text column or field, or null for {@code text}
 * @param labelColumn the label column or field, or null for the first of {@code label}, {@code category},
 *     {@code intent}
 * @param folds folds of cross-fitting for the calibration
 * @param ensembleSize heads of the bootstrap ensemble whose BALD is reported; 0 or 1 skips it
 * @param latencySamples in-domain test inputs whose check is timed one by one
 * @param encoder the encoder the hyperlocal layer learns from, by {@link LayeredEncoders} name; null for the default
 * @param validationShare instead of a test file, hold this share of the training file out (per seed, stratified by
 *     label) and test on it: to choose settings on training data only; 0 to use the test file
 */
public record OddBenchConfig(Path train, Path test, Path ood, double holdoutLabels, int seeds, long firstSeed,
        double coverage, double acceptance, String textColumn, String labelColumn, int folds, int ensembleSize,
        int latencySamples, String encoder, double validationShare) {

    public OddBenchConfig {
        requireFile(train, "--train");
        if (!(validationShare >= 0 && validationShare <= 0.5)) {
            throw invalid("--validation-share is " + validationShare + "; use a share of the training file from 0 to"
                    + " 0.5, for example 0.2");
        }
        if (validationShare > 0 && test != null) {
            throw invalid("give either --test FILE or --validation-share SHARE (a held-out share of the training"
                    + " file), not both");
        }
        if (validationShare == 0) {
            requireFile(test, "--test");
        }
        if (ood != null) {
            requireFile(ood, "--ood");
        }
        if (ood != null && holdoutLabels > 0) {
            throw invalid("give either --ood FILE (inputs from outside the task) or --holdout-labels SHARE (the"
                    + " open-set protocol), not both");
        }
        if (ood == null && !(holdoutLabels > 0)) {
            throw invalid("give --ood FILE with out-of-domain inputs, or --holdout-labels SHARE (for example 0.25)"
                    + " to hold a share of the labels out of training and use their test items as out of domain");
        }
        if (!(holdoutLabels >= 0 && holdoutLabels <= 0.9)) {
            throw invalid("--holdout-labels is " + holdoutLabels + "; use a share of the labels from 0 to 0.9, for"
                    + " example 0.25");
        }
        if (seeds < 1 || seeds > 100) {
            throw invalid("--seeds is " + seeds + "; use 1 to 100");
        }
        if (!(coverage >= 0.5 && coverage <= 0.999)) {
            throw invalid("--coverage is " + coverage + "; use a probability from 0.5 to 0.999, for example 0.95");
        }
        if (!(acceptance >= 0.5 && acceptance <= 1)) {
            throw invalid("--acceptance is " + acceptance + "; use a share of in-domain inputs from 0.5 to 1, for"
                    + " example 0.95");
        }
        if (folds < 2 || folds > 20) {
            throw invalid("--folds is " + folds + "; use 2 to 20");
        }
        if (ensembleSize < 0 || ensembleSize > 20) {
            throw invalid("--ensemble is " + ensembleSize + "; use 0 (none) to 20 heads");
        }
        encoder = encoder == null ? LayeredEncoders.DEFAULT : encoder;
        if (!LayeredEncoders.NAMES.contains(encoder)) {
            throw invalid("--encoder '" + encoder + "' is not known; use one of " + LayeredEncoders.NAMES);
        }
        if (latencySamples < 1) {
            throw invalid("--latency-samples is " + latencySamples + "; use at least 1");
        }
    }

    /**
     * A run with the default columns and encoder, coverage and acceptance 0.95, 5 folds, 5 ensemble heads and 1,000
     * timings.
     */
    public static OddBenchConfig of(Path train, Path test, Path ood, double holdoutLabels, int seeds, long firstSeed) {
        return new OddBenchConfig(train, test, ood, holdoutLabels, seeds, firstSeed, 0.95, 0.95, null, null, 5, 5,
                1000, null, 0);
    }

    /** Whether this is the open-set protocol (labels held out) rather than a run against an out-of-domain file. */
    public boolean openSet() {
        return ood == null;
    }

    private static void requireFile(Path file, String option) {
        if (file == null) {
            throw invalid(option + " is required: the path of a data file"
                    + (option.equals("--test") ? " (or --validation-share to test on a share of --train)" : ""));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(option + " file " + file.toAbsolutePath() + " does not exist or cannot be read");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_bench", message);
    }
}
