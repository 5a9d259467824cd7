package dev.stratum.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of the audit log. An entry's hash is SHA-256 over its sequence number, time, actor, action,
 * subject, details and the previous entry's hash, each length-prefixed so that no two different entries encode
 * alike.
 *
 * <p>What the chain proves: whoever edits, removes or reorders entries must also recompute every later hash. Anyone
 * who can write the database can do that, so the chain alone detects accidents and careless tampering; against a
 * writer who recomputes, compare the head ({@link AuditVerification#headHash}) with a copy kept elsewhere (the
 * server logs it when it starts and after each admin action). docs/security.md says the same.
 */
public final class AuditChain {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(long seq, Instant at, String actor, String action, String subject, String details,
            String previousHash) {
        MessageDigest sha = sha256();
        update(sha, Long.toString(seq));
        update(sha, Long.toString(at.toEpochMilli()));
        update(sha, actor);
        update(sha, action);
        update(sha, subject);
        update(sha, details);
        update(sha, previousHash);
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Checks entries read in order of {@code seq}: numbering from 1 without gaps, each previous hash equal to the
     * hash before it, each hash equal to the hash of its fields. Stops at the first entry that fails.
     */
    public static AuditVerification verify(Iterable<AuditEntry> entries) {
        long expected = 1;
        String previous = GENESIS;
        for (AuditEntry e : entries) {
            if (e.seq() != expected) {
                return AuditVerification.broken(expected - 1, previous, e.seq(), e.seq() > expected
                        ? "entries " + expected + " to " + (e.seq() - 1) + " are missing"
                        : "entry " + e.seq() + " appears again or out of order after entry " + (expected - 1));
            }
            if (!e.previousHash().equals(previous)) {
                return AuditVerification.broken(expected - 1, previous, e.seq(), "entry " + e.seq()
                        + " does not follow entry " + (e.seq() - 1) + ": its previous hash is not that entry's hash"
                        + " (an entry before it was edited, removed or moved)");
            }
            String computed = hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.details(), e.previousHash());
            if (!computed.equals(e.hash())) {
                return AuditVerification.broken(expected - 1, previous, e.seq(), "entry " + e.seq()
                        + " was changed after it was written: its fields no longer give its hash");
            }
            previous = e.hash();
            expected++;
        }
        return AuditVerification.intact(expected - 1, previous);
    }

    private static void update(MessageDigest sha, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
