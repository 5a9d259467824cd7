package dev.stratum.models.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stratum.api.UnavailableException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one padded batch of token windows through an ONNX session and pools the token vectors of each. */
record OnnxBatchRunner(OrtEnvironment environment, OrtSession session, String output, boolean needsTypeIds,
        Pooling pooling, int dimension, String encoderId) {

    /**
     * Cuts windows into batches of at most {@code batchTokens} padded tokens (but at least one window each), in order
     * of length, longest first: a batch is padded to its first window, so it holds {@code batchTokens / length} of
     * them, and the slowest batches start first so that the threads finish together. Each batch lists indexes into
     * {@code windows}.
     */
    static List<int[]> plan(List<long[]> windows, int batchTokens) {
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> windows.get(i).length).reversed()
                .thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int size = Math.max(1, batchTokens / windows.get(order[from]).length);
            int to = Math.min(order.length, from + size);
            int[] batch = new int[to - from];
            for (int k = from; k < to; k++) {
                batch[k - from] = order[k];
            }
            batches.add(batch);
            from = to;
        }
        return batches;
    }

    /**
     * The pooled, not yet normalised, vector of each window, in the order given. The tensors live in
     * {@code buffers}, and the output is written into them in place (no copy into the Java heap).
     */
    float[][] run(List<long[]> windows, BatchBuffers buffers) {
        int batch = windows.size();
        int length = 0;
        for (long[] w : windows) {
            length = Math.max(length, w.length);
        }
        int tokens = batch * length;
        buffers.reserve(tokens);
        LongBuffer ids = buffers.ids(tokens);
        LongBuffer mask = buffers.mask(tokens);
        for (long[] w : windows) {
            ids.put(w);
            for (int t = w.length; t < length; t++) {
                ids.put(0L);
            }
            for (int t = 0; t < length; t++) {
                mask.put(t < w.length ? 1L : 0L);
            }
        }
        ids.rewind();
        mask.rewind();
        FloatBuffer hidden = buffers.hidden(tokens);
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        OnnxTensor out = null;
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids, shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask, shape));
            if (needsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, buffers.types(tokens), shape));
            }
            out = OnnxTensor.createTensor(environment, hidden, new long[] {batch, length, dimension});
            session.run(inputs, Map.of(output, out)).close();
            return pool(hidden, windows, length);
        } catch (OrtException e) {
            throw new UnavailableException("encoder_failed", "encoder " + encoderId + " failed on a batch of " + batch
                    + " texts of up to " + length + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
            if (out != null) {
                out.close();
            }
        }
    }

    private float[][] pool(FloatBuffer hidden, List<long[]> windows, int length) {
        float[][] pooled = new float[windows.size()][dimension];
        float[] row = new float[dimension];
        for (int b = 0; b < windows.size(); b++) {
            int tokens = pooling == Pooling.CLS ? 1 : windows.get(b).length;
            float[] sum = pooled[b];
            for (int t = 0; t < tokens; t++) {
                hidden.get((b * length + t) * dimension, row);
                for (int d = 0; d < dimension; d++) {
                    sum[d] += row[d];
                }
            }
            if (tokens > 1) {
                for (int d = 0; d < dimension; d++) {
                    sum[d] /= tokens;
                }
            }
        }
        return pooled;
    }

    /** A pool of daemon threads that exit when idle, for an encoder's batches. */
    static ThreadPoolExecutor daemonPool(int threads, String name) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
