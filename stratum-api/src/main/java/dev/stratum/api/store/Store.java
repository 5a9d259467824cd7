package dev.stratum.api.store;

import java.util.Optional;

/**
 * Everything Stratum persists, behind one handle: the embedded SQLite store, which one process opens, or a shared
 * PostgreSQL database that several serving replicas and training jobs open at once.
 */
public interface Store extends AutoCloseable {
    TaskStore tasks();

    ExampleStore examples();

    PredictionStore predictions();

    ModelStore models();

    EmbeddingCache embeddings();

    ApiKeyStore apiKeys();

    ReviewStore reviews();

    PolicyStore policies();

    PoolStore pool();

    HistoryStore history();

    /** The tamper-evident audit log of admin actions and model-state changes. */
    AuditStore audit();

    /**
     * Opens a feed of what other processes change in this store, for a serving process to follow; empty for a store
     * that only one process opens (it sees its own changes). The caller closes the feed.
     */
    default Optional<ChangeFeed> openChangeFeed() {
        return Optional.empty();
    }

    /** The locks that keep two processes from training one task at once. */
    default TrainingLocks trainingLocks() {
        return TrainingLocks.IN_PROCESS;
    }

    /** Whether the store answers a trivial query now. */
    boolean isHealthy();

    @Override
    void close();
}
