package dev.stratum.store.postgres;

import dev.stratum.api.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the PostgreSQL store lives and how many connections it may hold. Validated when built; {@link #toString()}
 * masks the password, in its own field and inside the URL.
 *
 * @param jdbcUrl {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?...]}; may carry {@code user} and {@code password}
 *     parameters, which then win over the fields
 * @param user the role to log in as, or null for the URL's
 * @param password the role's password, or null for the URL's (or none)
 * @param schema the schema that holds Stratum's tables (created by the first migration when missing), or null for the
 *     connection's current schema (normally {@code public}, or the URL's {@code currentSchema})
 * @param maxPoolSize the most connections one process keeps open
 * @param connectionTimeout how long a call waits for a connection before it fails with 503 (the database is down, or
 *     every connection is busy)
 */
public record PostgresConfig(
        String jdbcUrl, String user, String password, String schema, int maxPoolSize, Duration connectionTimeout) {
    public static final String JDBC_PREFIX = "jdbc:postgresql:";
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");
    private static final Pattern PASSWORD_IN_USER_INFO = Pattern.compile("(://[^/@:]*:)[^/@]*@");
    private static final String MASK = "****";

    public PostgresConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new InvalidRequestException("invalid_db_url", "database URL '" + masked(jdbcUrl)
                    + "' is not a PostgreSQL JDBC URL; use jdbc:postgresql://HOST:PORT/DATABASE (or leave it unset"
                    + " for the embedded SQLite store)");
        }
        if (schema != null && !SCHEMA.matcher(schema).matches()) {
            throw new InvalidRequestException("invalid_db_schema", "schema '" + schema + "' is not valid; use 1 to"
                    + " 63 lower-case letters, digits and '_', starting with a letter or '_'");
        }
        if (maxPoolSize < 1) {
            throw new InvalidRequestException("invalid_db_pool",
                    "the connection pool needs at least 1 connection, got " + maxPoolSize);
        }
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new InvalidRequestException("invalid_db_pool",
                    "the connection timeout must be at least 250 ms, got " + connectionTimeout);
        }
    }

    /** The defaults for everything but where to connect and as whom. */
    public static PostgresConfig of(String jdbcUrl, String user, String password) {
        return new PostgresConfig(jdbcUrl, user, password, null, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Reads a JDBC URL, or a libpq-style {@code postgres://USER:PASSWORD@HOST:PORT/DATABASE?...} URL as hosting
     * platforms hand them out. Credentials in the URL win; {@code user} and {@code password} fill in what it lacks.
     */
    public static PostgresConfig fromUrl(String url, String user, String password) {
        if (url != null && (url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
            return fromLibpqUrl(url, user, password);
        }
        return of(url, user, password);
    }

    private static PostgresConfig fromLibpqUrl(String url, String user, String password) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("invalid_db_url", "database URL '" + masked(url) + "' cannot be read: "
                    + e.getReason() + "; use postgres://USER:PASSWORD@HOST:PORT/DATABASE", e);
        }
        if (uri.getHost() == null) {
            throw new InvalidRequestException("invalid_db_url", "database URL '" + masked(url)
                    + "' names no host; use postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        String userInUrl = null;
        String passwordInUrl = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            userInUrl = decode(parts[0]);
            passwordInUrl = parts.length == 2 ? decode(parts[1]) : null;
        }
        String jdbc = JDBC_PREFIX + "//" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
                + (uri.getRawPath() == null ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return of(jdbc, userInUrl != null ? userInUrl : user, passwordInUrl != null ? passwordInUrl : password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public PostgresConfig withSchema(String value) {
        return new PostgresConfig(jdbcUrl, user, password, value, maxPoolSize, connectionTimeout);
    }

    public PostgresConfig withPool(int size, Duration timeout) {
        return new PostgresConfig(jdbcUrl, user, password, schema, size, timeout);
    }

    /** Host, port and database, for messages: never the credentials or other parameters. */
    public String target() {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        return rest.startsWith("//") ? rest.substring(2) : rest;
    }

    /** {@code url} with any password in it masked (a {@code password} parameter, or after the user name). */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String noParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return PASSWORD_IN_USER_INFO.matcher(noParameter).replaceAll("$1" + MASK + "@");
    }

    @Override
    public String toString() {
        return "PostgresConfig[jdbcUrl=" + masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? null : MASK) + ", schema=" + schema + ", maxPoolSize=" + maxPoolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
