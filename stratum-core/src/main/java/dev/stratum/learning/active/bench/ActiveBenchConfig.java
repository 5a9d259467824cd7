package dev.stratum.learning.active.bench;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.active.SelectionStrategies;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ActiveBench} runs.
 *
 * @param train the labelled training file: the pool whose labels are revealed as they are selected
 * @param test the labelled test file, or null to test on {@code validationShare} of the training file instead
 * @param validationShare with no test file, the share of each label's training rows held out (per seed) to test on,
 *     for choosing settings without the test file; 0 otherwise
 * @param strategies the strategies to simulate, by {@link SelectionStrategies} name; random always runs too, as the
 *     baseline
 * @param seedPerLabel labelled examples per label to start from, drawn at random; 0 for a cold start, where the
 *     strategy picks the first batch with no labels at all
 * @param batch items labelled per round, between retrainings
 * @param budget the most labels to spend, the seed set included
 * @param seeds runs per strategy, with seeds {@code firstSeed} to {@code firstSeed + seeds - 1}
 * @param encoder the encoder the hyperlocal layer learns from, by {@link LayeredEncoders} name
 * @param textColumn the text column or field, or null for {@code text}
 * @param labelColumn the label column or field, or null for the first of {@code label}, {@code category},
 *     {@code intent}
 */
public record ActiveBenchConfig(Path train, Path test, double validationShare, List<String> strategies,
        int seedPerLabel, int batch, int budget, int seeds, long firstSeed, String encoder, String textColumn,
        String labelColumn) {
    public ActiveBenchConfig {
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
        if (strategies == null || strategies.isEmpty()) {
            throw invalid("give at least one --strategy; known: " + String.join(", ", SelectionStrategies.NAMES));
        }
        List<String> distinct = new ArrayList<>();
        for (String s : strategies) {
            String name = s == null ? "" : s.strip();
            if (!SelectionStrategies.NAMES.contains(name)) {
                throw invalid("--strategy '" + s + "' is not known; use one of "
                        + String.join(", ", SelectionStrategies.NAMES));
            }
            if (!distinct.contains(name)) {
                distinct.add(name);
            }
        }
        strategies = List.copyOf(distinct);
        if (seedPerLabel < 0) {
            throw invalid("--seed-per-label must be 0 (cold start) or more, got " + seedPerLabel);
        }
        if (batch < 1) {
            throw invalid("--batch must be at least 1, got " + batch);
        }
        if (budget < 1) {
            throw invalid("--budget must be at least 1, got " + budget);
        }
        if (seeds < 1 || seeds > 1000) {
            throw invalid("--seeds must be between 1 and 1000, got " + seeds);
        }
        if (encoder == null) {
            encoder = LayeredEncoders.DEFAULT;
        }
        if (!LayeredEncoders.NAMES.contains(encoder)) {
            throw invalid("--encoder '" + encoder + "' is not known; use one of "
                    + String.join(", ", LayeredEncoders.NAMES));
        }
    }

    /** A run against a test file with the default columns and encoder, starting at seed 1. */
    public static ActiveBenchConfig of(Path train, Path test, List<String> strategies, int seedPerLabel, int batch,
            int budget, int seeds) {
        return new ActiveBenchConfig(train, test, 0, strategies, seedPerLabel, batch, budget, seeds, 1, null, null,
                null);
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
