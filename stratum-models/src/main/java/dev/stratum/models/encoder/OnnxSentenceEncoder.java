package dev.stratum.models.encoder;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stratum.api.Example;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.models.EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BERT-style sentence encoder run by ONNX Runtime directly: texts are tokenized by the HuggingFace tokenizer,
 * sorted by length and cut into batches of about the same number of tokens, padded only to their longest text, and
 * the batches run on at most {@code threads} threads, each with a single-threaded ONNX Runtime session run whose
 * output is written into a buffer the thread reuses. Vectors are pooled ({@link Pooling}) and L2-normalised.
 *
 * <p>Why this shape, on small CPUs: one text per run (as LangChain4j's {@code embedAll} does) pays the per-run
 * overhead and runs matrix products too thin to use the SIMD units well; padding every batch to a fixed length
 * computes padding; and parallelism at two levels (a thread per text and an intra-op pool per run) makes threads
 * fight for the same cores. Sorting by length keeps the padding small. Batches are bounded by tokens rather than by
 * texts because a run's intermediate tensors (the feed-forward layer's are 1,536 floats per token) should stay
 * within the core's cache: a batch of 32 long texts is slower per token than one of 32 short ones. The measured
 * effect is in docs/benchmarks.md ({@code stratum bench embed}).
 *
 * <p>A single {@link #embed} runs in the caller's thread and gives the same vector as LangChain4j's encoder over the
 * same files. The model is int8 with dynamic quantization, whose scale is taken over the whole batch, so in
 * {@link #embedAll} a text's vector depends slightly on the texts batched with it: on BANKING77's test texts, the
 * cosine to the single-text vector is 0.993 at the median and 0.978 at worst for all-MiniLM-L6-v2 ({@code stratum
 * bench embed}).
 */
public final class OnnxSentenceEncoder implements EmbeddingModel {
    /**
     * Padded tokens per batch: about 32 texts of BANKING77's length. Measured with {@code stratum bench embed}: from
     * 256 to 1,024 the differences are within the noise of a shared machine, 2,048 is slower per CPU second (the
     * intermediate tensors leave the cache), and one text per run is much slower.
     */
    public static final int DEFAULT_BATCH_TOKENS = 512;

    private final EncoderSpec spec;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTypeIds;
    private final String output;
    private final int threads;
    private final int batchTokens;
    private final ThreadPoolExecutor executor;

    private OnnxSentenceEncoder(EncoderSpec spec, int threads, int batchTokens) {
        this.spec = spec;
        this.threads = threads;
        this.batchTokens = batchTokens;
        this.environment = OrtEnvironment.getEnvironment();
        ClassLoader loader = OnnxSentenceEncoder.class.getClassLoader();
        try (InputStream model = open(loader, spec.modelResource());
                InputStream tokenizerJson = open(loader, spec.tokenizerResource());
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread per run: parallelism comes from running several batches at once, never from both levels.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model.readAllBytes(), options);
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"));
        } catch (IOException | OrtException | RuntimeException e) {
            throw new UnavailableException("encoder_unavailable", "could not load the sentence encoder " + spec.id()
                    + " from the classpath resources " + spec.modelResource() + " and " + spec.tokenizerResource()
                    + "; check that the jar that ships them is on the classpath and that ONNX Runtime supports this"
                    + " platform", e);
        }
        this.needsTypeIds = session.getInputNames().contains("token_type_ids");
        this.output = session.getOutputNames().contains("last_hidden_state")
                ? "last_hidden_state"
                : session.getOutputNames().iterator().next();
        this.executor = OnnxBatchRunner.daemonPool(threads, "stratum-embed-" + spec.id());
    }

    /**
     * Loads the encoder of {@code spec}; its batches use at most {@code threads} threads and hold at most
     * {@code batchTokens} padded tokens (at least one text; 1 runs every text alone). Loading parses the model
     * (about a second for a small one): share the instance.
     */
    public static OnnxSentenceEncoder load(EncoderSpec spec, int threads, int batchTokens) {
        if (threads < 1) {
            throw new IllegalArgumentException("encoder " + spec.id() + " needs at least 1 thread, got " + threads);
        }
        if (batchTokens < 1) {
            throw new IllegalArgumentException("encoder " + spec.id() + " needs batches of at least 1 token, got "
                    + batchTokens);
        }
        return new OnnxSentenceEncoder(spec, threads, batchTokens);
    }

    /** Loads the encoder with one thread per core and batches of {@value #DEFAULT_BATCH_TOKENS} tokens. */
    public static OnnxSentenceEncoder load(EncoderSpec spec) {
        return load(spec, Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_TOKENS);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** How many tokens the model runs for {@code text}: special tokens included, over all its windows. */
    public int tokenCount(String text) {
        int count = 0;
        for (long[] window : tokenize(text).windows()) {
            count += window.length;
        }
        return count;
    }

    @Override
    public float[] embed(String text) {
        Example.requireText(text);
        TokenizedText tokens = tokenize(text);
        float[][] pooled = runner().run(tokens.windows(), new BatchBuffers(spec.dimension()));
        return tokens.combine(pooled, 0, spec.dimension());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        for (String text : texts) {
            Example.requireText(text);
        }
        List<TokenizedText> tokenized = tokenizeAll(texts);
        List<long[]> windows = new ArrayList<>(texts.size());
        for (TokenizedText tokens : tokenized) {
            windows.addAll(tokens.windows());
        }
        float[][] pooled = embedWindows(windows);
        List<float[]> vectors = new ArrayList<>(texts.size());
        int offset = 0;
        for (TokenizedText tokens : tokenized) {
            vectors.add(tokens.combine(pooled, offset, spec.dimension()));
            offset += tokens.windows().size();
        }
        return vectors;
    }

    /**
     * Tokenizes on the batch threads too, in contiguous slices: on short texts tokenizing is about a tenth of the
     * work, too much to leave to one thread.
     */
    private List<TokenizedText> tokenizeAll(List<String> texts) {
        TokenizedText[] out = new TokenizedText[texts.size()];
        int slices = Math.min(threads, (texts.size() + 255) / 256);
        int size = (texts.size() + slices - 1) / slices;
        List<Future<?>> helpers = new ArrayList<>(slices);
        for (int s = 1; s < slices; s++) {
            int from = s * size;
            int to = Math.min(texts.size(), from + size);
            helpers.add(executor.submit(() -> tokenizeSlice(texts, out, from, to)));
        }
        tokenizeSlice(texts, out, 0, Math.min(texts.size(), size));
        for (Future<?> helper : helpers) {
            await(helper);
        }
        return List.of(out);
    }

    private void tokenizeSlice(List<String> texts, TokenizedText[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = tokenize(texts.get(i));
        }
    }

    /** Pools each token window (already holding its special tokens), length-sorted into batches over the threads. */
    private float[][] embedWindows(List<long[]> windows) {
        List<int[]> batches = OnnxBatchRunner.plan(windows, batchTokens);
        float[][] pooled = new float[windows.size()][];
        OnnxBatchRunner runner = runner();
        int workers = Math.min(threads, batches.size());
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            BatchBuffers buffers = new BatchBuffers(spec.dimension());
            for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                int[] members = batches.get(b);
                List<long[]> batch = new ArrayList<>(members.length);
                for (int i : members) {
                    batch.add(windows.get(i));
                }
                float[][] out = runner.run(batch, buffers);
                for (int k = 0; k < members.length; k++) {
                    pooled[members[k]] = out[k];
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>(workers);
        for (int w = 1; w < workers; w++) {
            helpers.add(executor.submit(work));
        }
        work.run();
        for (Future<?> helper : helpers) {
            await(helper);
        }
        return pooled;
    }

    private OnnxBatchRunner runner() {
        return new OnnxBatchRunner(environment, session, output, needsTypeIds, spec.pooling(), spec.dimension(),
                spec.id());
    }

    private TokenizedText tokenize(String text) {
        long[] ids = tokenizer.encode(text, true, false).getIds();
        if (ids.length <= spec.maxTokens()) {
            return new TokenizedText(List.of(ids));
        }
        long cls = ids[0];
        long sep = ids[ids.length - 1];
        long[] inner = tokenizer.encode(text, false, false).getIds();
        return TokenizedText.windows(inner, cls, sep, spec.maxTokens());
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("encoder_interrupted", "embedding was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("an embedding batch failed", e.getCause());
        }
    }

    private static InputStream open(ClassLoader loader, String resource) throws IOException {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource " + resource + " not found");
        }
        return in;
    }
}
