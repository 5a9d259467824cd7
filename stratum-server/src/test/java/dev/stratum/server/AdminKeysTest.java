package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.api.store.Store;
import dev.stratum.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir, CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void bootstrap_onAnEmptyStore_storesOnlyTheHashAndReturnsTheSecretOnce() {
        Optional<String> secret = AdminKeys.bootstrap(store.apiKeys(), null, CLOCK);

        assertThat(secret).isPresent();
        assertThat(secret.get()).startsWith(AdminKeys.SECRET_PREFIX).hasSize(AdminKeys.SECRET_PREFIX.length() + 43);
        ApiKey stored = store.apiKeys().findByHash(AdminKeys.hash(secret.get())).orElseThrow();
        assertThat(stored.secretHash()).doesNotContain(secret.get()).hasSize(64);
        assertThat(stored.role()).isEqualTo(AdminKeys.ADMIN_ROLE);
        assertThat(stored.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(AdminKeys.bootstrap(store.apiKeys(), null, CLOCK)).isEmpty();
        assertThat(store.apiKeys().count()).isEqualTo(1);
    }

    @Test
    void bootstrap_withAKeyFromTheEnvironment_storesItAndReturnsNothing() {
        String fromEnv = "my-operator-chosen-admin-key-0123";

        assertThat(AdminKeys.bootstrap(store.apiKeys(), fromEnv, CLOCK)).isEmpty();
        assertThat(AdminKeys.bootstrap(store.apiKeys(), fromEnv, CLOCK)).isEmpty();

        assertThat(store.apiKeys().findByHash(AdminKeys.hash(fromEnv))).isPresent();
        assertThat(store.apiKeys().count()).isEqualTo(1);
    }

    /** Replicas on one database start together: another stored the key between this one's lookup and insert. */
    @Test
    void bootstrap_withAKeyFromTheEnvironment_thatAnotherProcessStoresMeanwhile_succeeds() {
        String fromEnv = "my-operator-chosen-admin-key-0123";
        AdminKeys.bootstrap(store.apiKeys(), fromEnv, CLOCK);
        AtomicBoolean lookedUp = new AtomicBoolean();
        ApiKeyStore late = new ApiKeyStore() {
            @Override
            public void insert(ApiKey key) {
                store.apiKeys().insert(key);
            }

            @Override
            public Optional<ApiKey> findByHash(String secretHash) {
                return lookedUp.getAndSet(true) ? store.apiKeys().findByHash(secretHash) : Optional.empty();
            }

            @Override
            public long count() {
                return store.apiKeys().count();
            }
        };

        assertThat(AdminKeys.bootstrap(late, fromEnv, CLOCK)).isEmpty();
        assertThat(store.apiKeys().count()).isEqualTo(1);
    }

    @Test
    void bootstrap_withAShortKeyFromTheEnvironment_refusesItAndSaysHowLongItMustBe() {
        assertThatThrownBy(() -> AdminKeys.bootstrap(store.apiKeys(), "short", CLOCK))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("STRATUM_ADMIN_KEY")
                .hasMessageContaining("at least " + AdminKeys.MIN_SECRET_LENGTH);
        assertThat(store.apiKeys().count()).isZero();
    }

    @Test
    void newSecret_isDifferentEachTime() {
        assertThat(AdminKeys.newSecret()).isNotEqualTo(AdminKeys.newSecret());
    }

    @Test
    void hash_isLowerCaseHexSha256() {
        assertThat(AdminKeys.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
