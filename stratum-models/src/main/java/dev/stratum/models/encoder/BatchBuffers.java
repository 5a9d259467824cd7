package dev.stratum.models.encoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * One thread's native buffers for a batch's tensors, reused from batch to batch: the token ids, the attention mask,
 * the token types (always zero) and the encoder's output, which ONNX Runtime writes in place. Reusing them spares an
 * allocation and a copy of the output (batch x length x dimension floats) per run. Not thread-safe: one per thread.
 */
final class BatchBuffers {
    private final int dimension;
    private LongBuffer ids = longs(0);
    private LongBuffer mask = longs(0);
    private LongBuffer types = longs(0);
    private FloatBuffer hidden = floats(0);

    BatchBuffers(int dimension) {
        this.dimension = dimension;
    }

    /** Makes room for {@code tokens} padded tokens, keeping nothing of the previous batch. */
    void reserve(int tokens) {
        if (ids.capacity() < tokens) {
            int capacity = Math.max(tokens, 2 * ids.capacity());
            ids = longs(capacity);
            mask = longs(capacity);
            types = longs(capacity);
            hidden = floats(capacity * dimension);
        }
    }

    /** The first {@code tokens} ids, to fill; the view starts at position 0. */
    LongBuffer ids(int tokens) {
        return view(ids, tokens);
    }

    LongBuffer mask(int tokens) {
        return view(mask, tokens);
    }

    /** The first {@code tokens} token types: zeros, never written. */
    LongBuffer types(int tokens) {
        return view(types, tokens);
    }

    /** Room for the output of {@code tokens} padded tokens. */
    FloatBuffer hidden(int tokens) {
        return hidden.clear().limit(tokens * dimension).slice();
    }

    private static LongBuffer view(LongBuffer buffer, int length) {
        return buffer.clear().limit(length).slice();
    }

    private static LongBuffer longs(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    private static FloatBuffer floats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
