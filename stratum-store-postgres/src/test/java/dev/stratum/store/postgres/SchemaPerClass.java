package dev.stratum.store.postgres;

import dev.stratum.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a schema of its own, migrated by the first store a test opens, emptied before each test (every
 * row deleted; sequences go on) and dropped after the class. Creating and migrating a schema per test would
 * cost half a second each. Register it as a static field with {@code @RegisterExtension}.
 */
final class SchemaPerClass implements BeforeEachCallback, AfterAllCallback {
    private final String schema = TestDatabase.newSchemaName();
    private boolean created;

    /** Opens a store on this class's schema; a reopen sees what the test wrote before. */
    Store open(Clock clock) {
        created = true;
        return PostgresStore.open(config(), clock);
    }

    PostgresConfig config() {
        return TestDatabase.config(schema);
    }

    String schema() {
        return schema;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        if (!created) {
            return;
        }
        try (Connection c = TestDatabase.connect()) {
            List<String> tables = new ArrayList<>();
            // The change log last: deleting examples adds to it. Deletes, not truncate: on tables this small they
            // take a millisecond where truncate takes a tenth of a second.
            try (PreparedStatement select = c.prepareStatement("select tablename from pg_tables where schemaname = ?"
                    + " and tablename <> 'flyway_schema_history' order by tablename = 'example_changes'")) {
                select.setString(1, schema);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tables.add(schema + "." + rows.getString(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (Statement delete = c.createStatement()) {
                for (String table : tables) {
                    delete.execute("delete from " + table);
                }
            }
            c.commit();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (created) {
            TestDatabase.dropSchema(schema);
        }
    }
}
