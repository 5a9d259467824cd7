package dev.stratum.api.store;

/**
 * Makes sure that a task is trained by one process at a time among all the processes that share a store: a serving
 * replica's background training and a training job ({@code stratum train}) alike.
 */
public interface TrainingLocks {
    /**
     * For a store that only one process opens: the engine's own per-task lock already keeps trainings apart, so
     * nothing more is taken.
     */
    TrainingLocks IN_PROCESS = taskId -> () -> {};

    /**
     * Takes the task's training lock without waiting.
     *
     * @return a lease that releases the lock when closed
     * @throws dev.stratum.api.ConflictException {@code training_in_progress} when another process holds it; the
     *     message says which, when the store can tell
     * @throws dev.stratum.api.UnavailableException when the store cannot be reached
     */
    Lease acquire(String taskId);

    /** A held training lock. */
    @FunctionalInterface
    interface Lease extends AutoCloseable {
        /** Releases the lock; calling it again does nothing. */
        @Override
        void close();
    }
}
