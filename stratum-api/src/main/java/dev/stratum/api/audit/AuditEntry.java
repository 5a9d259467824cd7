package dev.stratum.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log. Entries are numbered from 1 without gaps, and each one's {@code hash} covers its own
 * fields and the hash of the entry before it ({@link AuditChain#hash}), so that editing, removing or reordering an
 * entry breaks the chain from there on.
 *
 * @param seq the entry's place in the log, from 1
 * @param at when it was appended, to the millisecond
 * @param actor who did it: an API key's name, {@code cli:<user>} for the command line, or {@link Actor#SYSTEM} for
 *     what Stratum decided itself (a policy's promotion or rollback)
 * @param action what was done, a dotted name such as {@code model.state} or {@code policy.set}
 * @param subject what it was done to: a task id, or {@code task/version}
 * @param details a JSON object with the particulars (never texts of examples or predictions)
 * @param previousHash the hash of entry {@code seq - 1}, or {@link AuditChain#GENESIS} for the first
 * @param hash this entry's hash, lowercase hex SHA-256
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String details,
        String previousHash, String hash) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry that follows {@code previous} (null for the first), with its hash computed. */
    public static AuditEntry next(AuditEntry previous, Instant at, String actor, String action, String subject,
            String details) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String previousHash = previous == null ? AuditChain.GENESIS : previous.hash();
        Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
        return new AuditEntry(seq, millis, actor, action, subject, details, previousHash,
                AuditChain.hash(seq, millis, actor, action, subject, details, previousHash));
    }
}
