package dev.stratum.learning.bench;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ClassifyBench} runs.
 *
 * @param train the labelled training file (CSV with a header, or JSON lines when it ends in .jsonl)
 * @param test the labelled test file, same formats
 * @param shots training examples per label for each setting, as given on the command line: a positive number, or
 *     {@code all} for the whole training file
 * @param seeds each setting runs with seeds 1 to {@code seeds}; a seed draws the k-shot sample and orders training
 * @param textColumn the text column or field, or null for {@code text}
 * @param labelColumn the label column or field, or null for the first of {@code label}, {@code category},
 *     {@code intent}
 * @param latencySamples how many test texts to time one by one for the predict latency
 * @param encoder the encoder the hyperlocal layer learns from, by {@link LayeredEncoders} name
 */
public record BenchConfig(Path train, Path test, List<String> shots, int seeds, String textColumn, String labelColumn,
        int latencySamples, String encoder) {
    /** The word for "the whole training file" in {@link #shots()}. */
    public static final String ALL = "all";

    public BenchConfig {
        requireFile(train, "--train");
        requireFile(test, "--test");
        if (shots == null || shots.isEmpty()) {
            throw new InvalidRequestException("invalid_bench", "give at least one setting of shots, e.g. 10,30,all");
        }
        List<String> normalised = new ArrayList<>();
        for (String s : shots) {
            String value = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
            if (!value.equals(ALL) && !value.matches("[1-9][0-9]{0,6}")) {
                throw new InvalidRequestException("invalid_bench", "shots value '" + s
                        + "' is neither a positive number of examples per label nor 'all'; for example 10,30,all");
            }
            if (!normalised.contains(value)) {
                normalised.add(value);
            }
        }
        shots = List.copyOf(normalised);
        if (seeds < 1 || seeds > 1000) {
            throw new InvalidRequestException("invalid_bench", "seeds must be between 1 and 1000, got " + seeds);
        }
        if (encoder == null) {
            encoder = LayeredEncoders.DEFAULT;
        }
        if (!LayeredEncoders.NAMES.contains(encoder)) {
            throw new InvalidRequestException("invalid_bench", "encoder '" + encoder + "' is not known; use one of "
                    + String.join(", ", LayeredEncoders.NAMES));
        }
        if (latencySamples < 1) {
            throw new InvalidRequestException("invalid_bench",
                    "latency samples must be at least 1, got " + latencySamples);
        }
    }

    /** A run with the default columns, 500 latency samples and the default encoder. */
    public static BenchConfig of(Path train, Path test, List<String> shots, int seeds) {
        return new BenchConfig(train, test, shots, seeds, null, null, 500, null);
    }

    /** The number of examples per label of a {@link #shots()} value, or {@link Integer#MAX_VALUE} for "all". */
    static int perLabel(String shots) {
        return shots.equals(ALL) ? Integer.MAX_VALUE : Integer.parseInt(shots);
    }

    private static void requireFile(Path file, String what) {
        if (file == null) {
            throw new InvalidRequestException("invalid_bench", what + " is required: the path of a labelled file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidRequestException("invalid_bench", what + " file " + file.toAbsolutePath()
                    + " does not exist or cannot be read");
        }
    }
}
