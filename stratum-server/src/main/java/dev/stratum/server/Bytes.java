package dev.stratum.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Byte sizes for people, and a stream that stops reading past a limit. */
final class Bytes {
    private Bytes() {}

    /** "10 MiB", "1536 bytes": exact, so that a client can compare it with its own sizes. */
    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return String.format(Locale.ROOT, "%d MiB (%d bytes)", bytes / (1024 * 1024), bytes);
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return String.format(Locale.ROOT, "%d KiB (%d bytes)", bytes / 1024, bytes);
        }
        return bytes + " bytes";
    }

    /**
     * Wraps a request body so that reading more than {@code limit} bytes fails. The failure surfaces as an
     * {@link IOException} inside whatever reads the stream; {@link #exceeded()} tells the route afterwards that
     * the limit, not the content, was the reason.
     */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean exceeded;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("request body exceeds the limit of " + describe(limit));
            }
        }
    }
}
