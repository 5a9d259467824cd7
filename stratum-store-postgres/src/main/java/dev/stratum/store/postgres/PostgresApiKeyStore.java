package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;
import static dev.stratum.store.postgres.PostgresColumns.toJson;

import dev.stratum.api.ConflictException;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.ApiKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** API keys in the {@code api_keys} table; only the hash of each secret is stored. */
final class PostgresApiKeyStore implements ApiKeyStore {
    private final PostgresDatabase db;
    private final Clock clock;

    PostgresApiKeyStore(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void insert(ApiKey key) {
        Instant created = key.createdAt() == null ? clock.instant() : key.createdAt();
        db.write("store API key '" + key.id() + "'", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into api_keys (id, name, secret_hash, role, created_at) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.name());
                insert.setString(3, key.secretHash());
                insert.setString(4, key.role());
                setInstant(insert, 5, created);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (PostgresDatabase.UNIQUE_VIOLATION.equals(PostgresDatabase.sqlState(e))) {
                    throw new ConflictException("api_key_exists", "an API key with id '" + key.id()
                            + "' or with the same secret is already stored; generate a new key");
                }
                throw e;
            }
            // The secret's hash is not audited: the entry says a key was made, not how to find it.
            PostgresAuditStore.append(c, created, Actor.current(), "key.create", key.id(),
                    toJson(new TreeMap<>(Map.of("name", key.name(), "role", key.role()))));
            return null;
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String secretHash) {
        return db.read("look up an API key", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select id, name, secret_hash, role, created_at from api_keys where secret_hash = ?")) {
                select.setString(1, secretHash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<ApiKey>empty();
                    }
                    return Optional.of(new ApiKey(rows.getString("id"), rows.getString("name"),
                            rows.getString("secret_hash"), rows.getString("role"), getInstant(rows, "created_at")));
                }
            }
        });
    }

    @Override
    public long count() {
        return db.read("count API keys", c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) from api_keys");
                    ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }
}
