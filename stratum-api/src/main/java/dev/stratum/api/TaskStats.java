package dev.stratum.api;

/**
 * Where a task's loop stands: how much validated data it has, how much of it the nearest-neighbour memory holds yet
 * (a bulk import is indexed in the background, so {@code indexed} catches up with {@code examples}), and its model.
 *
 * @param currentModel the id of the model version that serves, or null before the first training
 * @param lastTraining the most recent training run since the server started, or null
 */
public record TaskStats(
        String taskId,
        long examples,
        long indexed,
        long predictions,
        long openReviews,
        String currentModel,
        TrainingRun lastTraining) {}
