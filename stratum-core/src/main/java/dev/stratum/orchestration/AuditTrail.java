package dev.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.audit.AuditChain;
import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.audit.AuditVerification;
import dev.stratum.api.store.Store;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of the audit log: admin actions that the store cannot see as such (a task created, its labels or
 * settings replaced, an example deleted, a training started by hand, an export) are appended here, as the thread's
 * {@link Actor}. Model-state changes, policies and API keys are audited by the store itself, in the transaction that
 * makes them. Details never hold texts of examples or predictions.
 *
 * <p>The head hash is logged on the {@code dev.stratum.audit} logger when the engine opens and after each append made
 * here (appends made inside the store's transactions are covered by the next logged head): shipped elsewhere, it is
 * the copy that shows a log rewritten from some entry on, which the chain alone cannot.
 */
final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("dev.stratum.audit");
    /** Field names as the API writes them, keys in a stable order. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    /** Entries read per query while verifying. */
    private static final int PAGE = 1_000;

    private final Store store;
    private final Clock clock;

    AuditTrail(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void record(String action, String subject, Map<String, ?> details) {
        String json;
        try {
            json = JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details of '" + action + "' are not JSON-serialisable", e);
        }
        AuditEntry entry = store.audit().append(clock.instant(), Actor.current(), action, subject, json);
        LOG.info("audit #{} {} {} by {}: head {}", entry.seq(), action, subject, entry.actor(), entry.hash());
    }

    /** Logs the log's current head, for a copy kept outside the database. */
    void logHead() {
        store.audit().last().ifPresentOrElse(
                last -> LOG.info("audit log at #{}: head {}", last.seq(), last.hash()),
                () -> LOG.info("audit log empty: head {}", AuditChain.GENESIS));
    }

    /** Up to {@code limit} entries after {@code afterSeq}. */
    List<AuditEntry> entries(long afterSeq, int limit) {
        return store.audit().entries(afterSeq, limit);
    }

    /** Checks the whole chain, reading it a page at a time (a long log is never held whole). */
    AuditVerification verify() {
        return AuditChain.verify(() -> new Iterator<>() {
            private List<AuditEntry> page = store.audit().entries(0, PAGE);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == PAGE) {
                    page = store.audit().entries(page.getLast().seq(), PAGE);
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public AuditEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        });
    }
}
