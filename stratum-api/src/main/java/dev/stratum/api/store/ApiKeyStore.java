package dev.stratum.api.store;

import java.util.Optional;

/** Persists API keys, by the SHA-256 of their secret. */
public interface ApiKeyStore {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String secretHash);

    long count();
}
