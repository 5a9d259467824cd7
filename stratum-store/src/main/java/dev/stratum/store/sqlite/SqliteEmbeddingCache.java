package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.fromBlob;
import static dev.stratum.store.sqlite.ColumnCodec.sha256;
import static dev.stratum.store.sqlite.ColumnCodec.toBlob;

import dev.stratum.api.store.EmbeddingCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Embeddings in the {@code embeddings} table, keyed by encoder id and the SHA-256 of the text. */
final class SqliteEmbeddingCache implements EmbeddingCache {
    /** Hashes per lookup query; well below SQLite's limit on bound parameters. */
    private static final int CHUNK = 500;

    private final SqliteDatabase db;

    SqliteEmbeddingCache(SqliteDatabase db) {
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
        List<String> hashes = new ArrayList<>(textByHash.keySet());
        return db.read("read " + hashes.size() + " cached embeddings of '" + modelId + "'", c -> {
            Map<String, float[]> found = new HashMap<>();
            for (int from = 0; from < hashes.size(); from += CHUNK) {
                List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement select = c.prepareStatement("select text_hash, vector from embeddings"
                        + " where model_id = ? and text_hash in (" + marks + ")")) {
                    select.setString(1, modelId);
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.put(textByHash.get(rows.getString(1)), fromBlob(rows.getBytes(2)));
                        }
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
                for (Map.Entry<String, float[]> entry : vectorsByText.entrySet()) {
                    upsert.setString(1, modelId);
                    upsert.setString(2, sha256(entry.getKey()));
                    upsert.setBytes(3, toBlob(entry.getValue()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }
}
