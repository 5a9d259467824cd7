package dev.stratum.learning.errors.bench;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@link NoiseBench} runs.
 *
 * @param train the labelled training file, whose labels are partly flipped
 * @param test the labelled test file, or null to test on {@code validationShare} of the training file instead
 * @param validationShare with no test file, the share of each label's training rows held out (per seed) to test on,
 *     for choosing settings without the test file; 0 otherwise
 * @param rate the share of training labels flipped, each to another label drawn uniformly
 * @param seeds runs with seeds {@code firstSeed} to {@code firstSeed + seeds - 1}; a seed draws the flips and folds
 * @param folds folds of the finder's cross-fitting
 * @param repeats fold splits the finder averages over
 * @param prune whether the finder ranks a second time with its first flags left out of training
 * @param encoder the encoder the hyperlocal layer learns from, by {@link LayeredEncoders} name
 * @param textColumn the text column or field, or null for {@code text}
 * @param labelColumn the label column or field, or null for the first of {@code label}, {@code category},
 *     {@code intent}
 */
public record NoiseBenchConfig(Path train, Path test, double validationShare, double rate, int seeds, long firstSeed,
        int folds, int repeats, boolean prune, String encoder, String textColumn, String labelColumn) {
    public NoiseBenchConfig {
        requireFile(train, "--train");
        if (test != null) {
            requireFile(test, "--test");
        }
        if (test != null && validationShare != 0) {
            throw invalid("give either --test FILE or --validation-share SHARE (a held-out share of the training"
                    + " file), not both");
        }
        if (test == null && !(validationShare > 0 && validationShare < 1)) {
            throw invalid("give --test FILE, or --validation-share SHARE between 0 and 1 to test on held-out training"
                    + " rows; got a share of " + validationShare);
        }
        if (!(rate > 0 && rate < 0.5)) {
            throw invalid("--rate is " + rate + "; flip a share of the labels above 0 and below 0.5, e.g. 0.1");
        }
        if (seeds < 1 || seeds > 1000) {
            throw invalid("--seeds must be between 1 and 1000, got " + seeds);
        }
        if (folds < 2 || folds > 50) {
            throw invalid("--folds must be between 2 and 50, got " + folds);
        }
        if (repeats < 1 || repeats > 20) {
            throw invalid("--repeats must be between 1 and 20, got " + repeats);
        }
        if (encoder == null) {
            encoder = LayeredEncoders.DEFAULT;
        }
        if (!LayeredEncoders.NAMES.contains(encoder)) {
            throw invalid("--encoder '" + encoder + "' is not known; use one of "
                    + String.join(", ", LayeredEncoders.NAMES));
        }
    }

    /** A run against a test file with 5 folds, one split, pruning, the default columns and encoder, from seed 1. */
    public static NoiseBenchConfig of(Path train, Path test, double rate, int seeds) {
        return new NoiseBenchConfig(train, test, 0, rate, seeds, 1, 5, 1, true, null, null, null);
    }

    private static void requireFile(Path file, String what) {
        if (file == null) {
            throw invalid(what + " is required: the path of a labelled file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(what + " file " + file.toAbsolutePath() + " does not exist or cannot be read");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_bench", message);
    }
}
