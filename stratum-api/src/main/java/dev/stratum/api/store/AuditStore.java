package dev.stratum.api.store;

import dev.stratum.api.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit log. Appends are serialised (the store takes the log's last entry and writes the next in one
 * transaction), so the chain stays linear with several writers and several processes on one database.
 */
public interface AuditStore {
    /** Appends an entry chained to the last one and returns it. {@code details} is a JSON object. */
    AuditEntry append(Instant at, String actor, String action, String subject, String details);

    /** Up to {@code limit} entries with a sequence number above {@code afterSeq}, in order. */
    List<AuditEntry> entries(long afterSeq, int limit);

    /** The last entry, if any. */
    Optional<AuditEntry> last();
}
