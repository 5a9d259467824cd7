package dev.stratum.api.store;

/** Everything Stratum persists, behind one handle: the embedded SQLite store, or a shared database later. */
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

    /** Whether the store answers a trivial query now. */
    boolean isHealthy();

    @Override
    void close();
}
