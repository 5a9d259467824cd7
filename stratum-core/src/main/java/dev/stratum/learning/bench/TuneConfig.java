package dev.stratum.learning.bench;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.models.specific.LayeredEncoders;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TuneBench} cross-validates: every combination of the encoders and the grids below, on splits of the
 * training file only.
 *
 * @param shots the settings to score, as in {@link BenchConfig#shots()}; the score of a combination is the mean of
 *     its accuracies over these settings
 * @param seeds k-shot splits per setting: each draws k examples per label to train on and validates on up to
 *     {@value TuneBench#VALIDATION_ROWS} other rows of the file
 * @param folds the folds of the {@code all} setting: train on all but one, validate on that one
 */
public record TuneConfig(Path train, List<String> shots, int seeds, int folds, String textColumn, String labelColumn,
        List<String> encoders, List<Double> l2, List<Integer> neighbours, List<Double> voteTemperatures,
        List<Double> headWeights) {
    public TuneConfig {
        BenchConfig.of(train, train, shots, 1); // validates the file and the shots the same way
        if (seeds < 1 || folds < 2) {
            throw new InvalidRequestException("invalid_bench",
                    "tuning needs at least 1 seed and 2 folds, got " + seeds + " and " + folds);
        }
        for (String encoder : encoders) {
            if (!LayeredEncoders.NAMES.contains(encoder)) {
                throw new InvalidRequestException("invalid_bench", "encoder '" + encoder + "' is not known; use "
                        + String.join(", ", LayeredEncoders.NAMES));
            }
        }
        if (encoders.isEmpty() || l2.isEmpty() || neighbours.isEmpty() || voteTemperatures.isEmpty()
                || headWeights.isEmpty()) {
            throw new InvalidRequestException("invalid_bench", "every grid needs at least one value");
        }
        shots = List.copyOf(BenchConfig.of(train, train, shots, 1).shots());
        encoders = List.copyOf(encoders);
        l2 = List.copyOf(l2);
        neighbours = List.copyOf(neighbours);
        voteTemperatures = List.copyOf(voteTemperatures);
        headWeights = List.copyOf(headWeights);
    }

    /** The grid the shipped defaults were chosen from. */
    public static TuneConfig defaults(Path train, String textColumn, String labelColumn) {
        return new TuneConfig(train, List.of("10", "30", BenchConfig.ALL), 2, 3, textColumn, labelColumn,
                LayeredEncoders.NAMES, List.of(1e-6, 1e-5, 1e-4), List.of(5, 10, 20), List.of(0.01, 0.02, 0.05, 0.1),
                List.of(0.25, 0.5, 0.75));
    }
}
