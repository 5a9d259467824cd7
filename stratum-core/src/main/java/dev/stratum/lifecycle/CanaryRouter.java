package dev.stratum.lifecycle;

import dev.stratum.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/**
 * Decides which requests a canary version answers: a fixed share of callers, the same ones every time. A request's
 * sticky key and the canary's version id (the salt) are hashed to a number in [0, 1); the canary answers when it is
 * below the share. So a caller sees one version for the whole canary instead of flickering between two; raising the
 * share only adds callers; and each new canary, having a new salt, draws its callers afresh rather than always
 * testing on the same ones. The hash is a 64-bit FNV-1a with Murmur3's finaliser, stable across JVMs and restarts.
 * Immutable and thread-safe.
 */
public final class CanaryRouter {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private final String candidateVersionId;
    private final double share;
    private final long saltHash;

    /**
     * @param candidateVersionId the canary version's id, which salts the hash
     * @param share the share of callers the canary answers, from 0 to 1
     */
    public CanaryRouter(String candidateVersionId, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new InvalidRequestException("invalid_canary_share", "the canary share of version "
                    + candidateVersionId + " is " + share + "; use the share of traffic it should answer, from 0"
                    + " to 1 (0.05 is 5%)");
        }
        this.candidateVersionId = candidateVersionId;
        this.share = share;
        this.saltHash = fnv(FNV_OFFSET, candidateVersionId + '\0');
    }

    /**
     * The key a request sticks by: its caller's API key id when it has one, else a hash of its input text, so that
     * the same text always gets the same version (and the key holds no text).
     */
    public static String stickyKey(String apiKeyId, String text) {
        return apiKeyId != null ? "key:" + apiKeyId : "text:" + Long.toHexString(mix(fnv(FNV_OFFSET, text)));
    }

    /** Whether the canary answers the request with this sticky key. */
    public boolean routesToCanary(String stickyKey) {
        return share > 0 && position(stickyKey) < share;
    }

    /** Where the key falls in [0, 1) for this canary: uniform over keys, fixed for a key. */
    double position(String stickyKey) {
        return (mix(fnv(saltHash, stickyKey)) >>> 11) * TWO_TO_MINUS_53;
    }

    public double share() {
        return share;
    }

    public String candidateVersionId() {
        return candidateVersionId;
    }

    private static long fnv(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** Murmur3's fmix64: every input bit affects every output bit, which FNV alone does poorly for short keys. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
