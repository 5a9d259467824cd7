package dev.stratum.orchestration;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.VectorIndex;
import dev.stratum.llm.ChatClient;
import dev.stratum.llm.OpenAiChatClient;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.models.specific.LayeredEncoders;
import dev.stratum.store.selection.Stores;
import dev.stratum.store.vector.LuceneVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Wires the default components: the store (SQLite, or PostgreSQL by URL), Lucene index, the configured local encoder, and
 * the language model when one is configured. */
final class EngineFactory {
    private EngineFactory() {}

    static StratumEngine open(EngineConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UnavailableException("data_dir_unusable", "cannot create the data directory "
                    + config.dataDir().toAbsolutePath() + ": " + e.getMessage() + "; pass a writable --data DIR", e);
        }
        EmbeddingModel encoder = LayeredEncoders.byName(config.encoder());
        Store store = Stores.open(config.dbUrl(), config.dataDir(), config.clock());
        VectorIndex index = null;
        try {
            Path indexDir = config.dataDir().resolve("index").resolve(encoder.id());
            index = LuceneVectorIndex.open(indexDir, encoder.dimension());
            ChatClient chat = config.llm() == null ? null : OpenAiChatClient.create(config.llm());
            return new StratumEngine(config, store, index, encoder, new SoftmaxRegressionTrainer(), chat);
        } catch (RuntimeException e) {
            if (index != null) {
                index.close();
            }
            store.close();
            throw e;
        }
    }
}
