package dev.stratum.store.postgres;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.api.store.AuditStore;
import dev.stratum.api.store.ChangeFeed;
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
import dev.stratum.api.store.TrainingLocks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The shared store: one PostgreSQL database (or one schema of it) that several Stratum processes use at once,
 * through a HikariCP pool, migrated by Flyway on open with migrations that follow the SQLite ones version by version.
 *
 * <p>Every write is one transaction, committed (durable) when the call returns. When the database cannot be reached
 * or used, calls fail with a {@code store_unavailable} {@link UnavailableException} (HTTP 503) and succeed again by
 * themselves once it is back: the pool replaces broken connections. Instants are kept to the millisecond. Safe for use
 * from many (virtual) threads. Serving replicas follow each other's changes through its {@link ChangeFeed}, and
 * trainings in different processes take turns by its {@link TrainingLocks}.
 */
public final class PostgresStore implements Store {
    static final String MIGRATIONS = "classpath:db/migration/postgresql";

    private final PostgresDatabase db;
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
    private final TrainingLocks trainingLocks;

    private PostgresStore(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.tasks = new PostgresTaskStore(db);
        this.examples = new PostgresExampleStore(db, clock);
        this.predictions = new PostgresPredictionStore(db, clock);
        this.models = new PostgresModelStore(db, clock);
        this.embeddings = new PostgresEmbeddingCache(db);
        this.apiKeys = new PostgresApiKeyStore(db, clock);
        this.reviews = new PostgresReviewStore(db, clock);
        this.policies = new PostgresPolicyStore(db);
        this.pool = new PostgresPoolStore(db);
        this.history = new PostgresHistoryStore(db);
        this.audit = new PostgresAuditStore(db);
        this.trainingLocks = new PostgresTrainingLocks(db);
    }

    /**
     * Connects with the default pool settings and brings the schema up to date.
     *
     * @param jdbcUrl {@code jdbc:postgresql://HOST:PORT/DATABASE}, possibly with {@code user} and {@code password}
     *     parameters
     * @param user the role, or null for the URL's
     * @param password its password, or null for the URL's
     * @param clock stamps rows whose records carry no creation time
     * @throws UnavailableException when the database cannot be reached or migrated
     */
    public static PostgresStore open(String jdbcUrl, String user, String password, Clock clock) {
        return open(PostgresConfig.of(jdbcUrl, user, password), clock);
    }

    /** Connects as {@code config} says and brings the schema up to date. */
    public static PostgresStore open(PostgresConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        PostgresDatabase db = PostgresDatabase.open(config);
        try {
            migrate(db);
            return new PostgresStore(db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Runs pending migrations on connections of Flyway's own. Flyway takes a database lock while it migrates, so
     * replicas that start together do not migrate twice; it logs through SLF4J like the rest of Stratum.
     */
    private static void migrate(PostgresDatabase db) {
        PostgresConfig config = db.config();
        FluentConfiguration flyway = Flyway.configure()
                .loggers("slf4j")
                .dataSource(db.unpooledDataSource())
                .locations(MIGRATIONS)
                .failOnMissingLocations(true);
        if (config.schema() != null) {
            flyway.schemas(config.schema()).defaultSchema(config.schema());
        }
        try {
            flyway.load().migrate();
        } catch (FlywayException e) {
            throw new UnavailableException("store_unavailable", "could not bring the schema of the PostgreSQL store"
                    + " at " + config.target() + (config.schema() == null ? "" : " (schema " + config.schema() + ")")
                    + " up to date: " + firstLine(e.getMessage()) + ". Check that the user may create tables there;"
                    + " if a newer Stratum migrated this database, run that version.", e);
        }
    }

    /** Flyway's messages go on with a table of SQL state and error code; the first line says what happened. */
    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
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

    /** A feed over its own listening connection, opened at the first wait; the pool reads the logs. */
    @Override
    public Optional<ChangeFeed> openChangeFeed() {
        return Optional.of(new PostgresChangeFeed(db));
    }

    @Override
    public TrainingLocks trainingLocks() {
        return trainingLocks;
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
        if (db.isClosed()) {
            return false;
        }
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

    /** Where this store connects, with the password masked. */
    public PostgresConfig config() {
        return db.config();
    }

    /** Closes the pool; calling it again does nothing. */
    @Override
    public void close() {
        db.close();
    }
}
