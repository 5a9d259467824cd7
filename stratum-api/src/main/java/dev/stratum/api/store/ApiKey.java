package dev.stratum.api.store;

import java.time.Instant;

/** A stored API key: only a hash of the secret is kept. */
public record ApiKey(String id, String name, String secretHash, String role, Instant createdAt) {}
