package dev.stratum.store.sqlite;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.api.store.AuditStore;
import dev.stratum.api.store.EmbeddingCache;
import dev.stratum.api.store.ExampleStore;
import dev.stratum.api.store.HistoryStore;
import dev.stratum.api.store.ModelStore;
import dev.stratum.api.store.PolicyStore;
import dev.stratum.api.store.PoolStore;
import dev.stratum.api.store.PredictionStore;
import dev.stratum.api.store.ReviewStore;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.TaskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file, {@code stratum.db}, in the data directory, migrated by Flyway on open.
 *
 * <p>Every write is one transaction on a single write connection and is durable when the call returns (WAL with
 * synchronous=FULL); reads use a pool of their own connections and never wait for writes. Instants are kept to the
 * millisecond. Safe for use from many (virtual) threads.
 */
public final class SqliteStore implements Store {
    /** The name of the database file inside the data directory. */
    public static final String FILE_NAME = "stratum.db";
    static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private final SqliteDatabase db;
    private final TaskStore tasks;
    private final ExampleStore examples;
    private final PredictionStore predictions;
    private final ModelStore models;
    private final EmbeddingCache embeddings;
    private final ApiKeyStore apiKeys;
    private final ReviewStore reviews;
    private final PolicyStore policies;
    private final PoolStore pool;
    private final HistoryStore history;
    private final AuditStore audit;

    private SqliteStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.tasks = new SqliteTaskStore(db);
        this.examples = new SqliteExampleStore(db, clock);
        this.predictions = new SqlitePredictionStore(db, clock);
        this.models = new SqliteModelStore(db, clock);
        this.embeddings = new SqliteEmbeddingCache(db);
        this.apiKeys = new SqliteApiKeyStore(db, clock);
        this.reviews = new SqliteReviewStore(db, clock);
        this.policies = new SqlitePolicyStore(db);
        this.pool = new SqlitePoolStore(db);
        this.history = new SqliteHistoryStore(db);
        this.audit = new SqliteAuditStore(db);
    }

    /**
     * Opens (creating if needed) {@code dataDir/stratum.db} and brings its schema up to date.
     *
     * @param clock stamps rows whose records carry no creation time
     * @throws UnavailableException when the directory or the database cannot be created, opened or migrated
     */
    public static SqliteStore open(Path dataDir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path file = createDirectory(dataDir).resolve(FILE_NAME);
        SqliteDatabase db = SqliteDatabase.open(file);
        try {
            migrate(file);
            return new SqliteStore(db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Path createDirectory(Path dataDir) {
        try {
            return Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UnavailableException("store_unavailable", "could not create the data directory " + dataDir
                    + ": " + e.getMessage() + "; choose a writable data directory (--data DIR)", e);
        }
    }

    /**
     * Runs pending migrations on a connection of Flyway's own; WAL mode is already on (the writer opened it). Flyway
     * logs through SLF4J like the rest of Stratum, instead of to java.util.logging on the console.
     */
    private static void migrate(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource(SqliteDatabase.config());
        dataSource.setUrl(SqliteDatabase.url(file));
        try {
            Flyway.configure()
                    .loggers("slf4j")
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new UnavailableException("store_unavailable", "could not bring the schema of " + file
                    + " up to date: " + e.getMessage() + ". If a newer Stratum wrote this database, run that"
                    + " version or restore a backup.", e);
        }
    }

    @Override
    public TaskStore tasks() {
        return tasks;
    }

    @Override
    public ExampleStore examples() {
        return examples;
    }

    @Override
    public PredictionStore predictions() {
        return predictions;
    }

    @Override
    public ModelStore models() {
        return models;
    }

    @Override
    public EmbeddingCache embeddings() {
        return embeddings;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public ReviewStore reviews() {
        return reviews;
    }

    @Override
    public PolicyStore policies() {
        return policies;
    }

    @Override
    public PoolStore pool() {
        return pool;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public boolean isHealthy() {
        try {
            return db.read("check health", c -> {
                try (PreparedStatement select = c.prepareStatement("select 1");
                        ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getInt(1) == 1;
                }
            });
        } catch (UnavailableException e) {
            return false;
        }
    }

    /** The database file, for backups and diagnostics. */
    public Path file() {
        return db.file();
    }

    @Override
    public void close() {
        db.close();
    }
}
