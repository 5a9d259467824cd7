package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.Provenance;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.audit.AuditChain;
import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.audit.AuditVerification;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import dev.stratum.api.store.ApiKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.stratum.api.store.AuditStore} must do: keep a linear hash chain under concurrent writers,
 * audit every change of a model's state and every policy in the transaction that makes it, and let the verifier
 * find an entry edited, removed or moved behind the store's back.
 */
public abstract class AuditContractTest extends StoreContract {

    /** Runs {@code sql} on the backend's database directly, as someone with the database file or a login would. */
    protected abstract void tamper(String sql);

    private AuditVerification verify() {
        return AuditChain.verify(store.audit().entries(0, Integer.MAX_VALUE));
    }

    private void appendThree() {
        store.audit().append(T0, "ana", "task.create", "exp", "{}");
        store.audit().append(T0.plusSeconds(1), "bo", "task.settings", "exp", "{\"retrain_every\":10}");
        store.audit().append(T0.plusSeconds(2), "ana", "examples.export", "exp", "{\"format\":\"jsonl\"}");
    }

    @Test
    void append_chainsEachEntryToTheOneBefore() {
        appendThree();

        List<AuditEntry> entries = store.audit().entries(0, 10);
        assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).previousHash()).isEqualTo(entries.get(1).hash());
        assertThat(store.audit().last()).contains(entries.get(2));
        assertThat(store.audit().entries(1, 1)).containsExactly(entries.get(1));
        assertThat(verify()).isEqualTo(new AuditVerification(true, 3, entries.get(2).hash(), null, null));
    }

    @Test
    void append_survivesAReopen_andGoesOnFromTheLastEntry() {
        appendThree();
        reopen();
        store.audit().append(T0.plusSeconds(3), "ana", "task.labels", "exp", "{}");

        assertThat(store.audit().entries(0, 10)).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void append_fromConcurrentWriters_staysOneChain() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String actor = "writer-" + w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        store.audit().append(T0, actor, "task.settings", "exp", "{}");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }

        AuditVerification verification = verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.verifiedEntries()).isEqualTo(40);
    }

    @Test
    void modelStateChanges_areAuditedWithTheirActorAndReason() {
        storedTask("exp");
        Provenance provenance = new Provenance("sha256:abc", 10, List.of("bge"), Map.of(), 1L, "0.1.0", "api");
        store.models().insert(new ModelVersion("exp-v1", "exp", 1, "hyperlocal", false, T0, provenance, Map.of()),
                new byte[] {1});
        store.models().changeStates(List.of(new StateChange("exp-v1", ModelState.CANDIDATE, ModelState.PRODUCTION,
                "ana", "gate passed", T0.plusSeconds(5))));

        AuditEntry entry = store.audit().last().orElseThrow();
        assertThat(entry.actor()).isEqualTo("ana");
        assertThat(entry.action()).isEqualTo("model.state");
        assertThat(entry.subject()).isEqualTo("exp-v1");
        assertThat(entry.details()).contains("\"from\":\"candidate\"", "\"to\":\"production\"",
                "\"reason\":\"gate passed\"");
        assertThat(entry.at()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void policies_areAuditedWithTheirVersion() {
        storedTask("exp");
        store.policies().save("exp", "{}", "bo", T0);
        store.policies().save("exp", "{}", "bo", T0.plusSeconds(1));

        AuditEntry entry = store.audit().last().orElseThrow();
        assertThat(entry.action()).isEqualTo("policy.set");
        assertThat(entry.subject()).isEqualTo("exp");
        assertThat(entry.actor()).isEqualTo("bo");
        assertThat(entry.details()).isEqualTo("{\"version\":2}");
    }

    @Test
    void verify_findsAnEditedEntry() {
        appendThree();
        tamper("update audit_log set actor = 'mallory' where seq = 2");

        AuditVerification verification = verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2L);
        assertThat(verification.verifiedEntries()).isEqualTo(1);
        assertThat(verification.problem()).contains("changed after it was written");
    }

    @Test
    void verify_findsARemovedEntry() {
        appendThree();
        tamper("delete from audit_log where seq = 2");

        AuditVerification verification = verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3L);
        assertThat(verification.problem()).contains("entries 2 to 2 are missing");
    }

    @Test
    void verify_findsARemovedEntryWhoseSuccessorWasRenumbered() {
        appendThree();
        tamper("delete from audit_log where seq = 2");
        tamper("update audit_log set seq = 2 where seq = 3");

        AuditVerification verification = verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2L);
    }

    @Test
    void verify_findsReorderedEntries() {
        appendThree();
        tamper("update audit_log set seq = 100 where seq = 2");
        tamper("update audit_log set seq = 2 where seq = 3");
        tamper("update audit_log set seq = 3 where seq = 100");

        AuditVerification verification = verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2L);
        assertThat(verification.problem()).contains("does not follow entry 1");
    }

    @Test
    void keyCreation_isAuditedWithTheActor_butNotTheSecret() {
        Actor.as("ana", () -> {
            store.apiKeys().insert(new ApiKey("key_1", "ci", "hash-of-the-secret", "app", T0));
            return null;
        });

        AuditEntry entry = store.audit().last().orElseThrow();
        assertThat(entry.action()).isEqualTo("key.create");
        assertThat(entry.subject()).isEqualTo("key_1");
        assertThat(entry.actor()).isEqualTo("ana");
        assertThat(entry.details()).isEqualTo("{\"name\":\"ci\",\"role\":\"app\"}").doesNotContain("hash-of");
    }
}
