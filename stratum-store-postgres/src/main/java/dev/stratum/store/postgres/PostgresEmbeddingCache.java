package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.fromBytes;
import static dev.stratum.store.postgres.PostgresColumns.sha256;
import static dev.stratum.store.postgres.PostgresColumns.toBytes;

import dev.stratum.api.store.EmbeddingCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Embeddings in the {@code embeddings} table, keyed by encoder id and the SHA-256 of the text. */
final class PostgresEmbeddingCache implements EmbeddingCache {
    /** Vectors per upsert batch, so a huge import does not build one huge statement. */
    private static final int BATCH = 1_000;

    private final PostgresDatabase db;

    PostgresEmbeddingCache(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, float[]> getAll(String modelId, Collection<String> texts) {
        Map<String, String> textByHash = new LinkedHashMap<>();
        for (String text : texts) {
            textByHash.put(sha256(text), text);
        }
        if (textByHash.isEmpty()) {
            return Map.of();
        }
        return db.read("read " + textByHash.size() + " cached embeddings of '" + modelId + "'", c -> {
            Map<String, float[]> found = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(
                    "select text_hash, vector from embeddings where model_id = ? and text_hash = any(?)")) {
                select.setString(1, modelId);
                select.setArray(2, c.createArrayOf("varchar", textByHash.keySet().toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(textByHash.get(rows.getString(1)), fromBytes(rows.getBytes(2)));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void putAll(String modelId, Map<String, float[]> vectorsByText) {
        if (vectorsByText.isEmpty()) {
            return;
        }
        db.write("cache " + vectorsByText.size() + " embeddings of '" + modelId + "'", c -> {
            try (PreparedStatement upsert = c.prepareStatement("insert into embeddings (model_id, text_hash, vector)"
                    + " values (?, ?, ?) on conflict (model_id, text_hash) do update set vector = excluded.vector")) {
                int pending = 0;
                for (Map.Entry<String, float[]> entry : vectorsByText.entrySet()) {
                    upsert.setString(1, modelId);
                    upsert.setString(2, sha256(entry.getKey()));
                    upsert.setBytes(3, toBytes(entry.getValue()));
                    upsert.addBatch();
                    if (++pending % BATCH == 0) {
                        upsert.executeBatch();
                    }
                }
                upsert.executeBatch();
            }
            return null;
        });
    }
}
