package dev.stratum.server;

import dev.stratum.api.ConflictException;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Creates the first admin API key of an installation and hashes secrets the way the server checks them. Only the
 * SHA-256 of a secret is ever stored; the plaintext exists in the caller's hands once.
 */
public final class AdminKeys {
    /** Every generated secret starts with this, so that leaked keys are easy to spot in logs and scanners. */
    public static final String SECRET_PREFIX = "sk_";
    /** The role of keys made here; the authenticator stores it on the request for checks by role later. */
    public static final String ADMIN_ROLE = "admin";
    static final int MIN_SECRET_LENGTH = 20;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminKeys() {}

    /**
     * Makes sure an admin key exists. When {@code fromEnv} (the value of {@code STRATUM_ADMIN_KEY}) is given, that
     * secret is stored unless it already is, and nothing is returned: the operator already knows it. Otherwise, when
     * the store holds no key at all, a new random secret is stored and returned so that the caller can print it once.
     *
     * @return the new plaintext secret, or empty when no secret was generated
     */
    public static Optional<String> bootstrap(ApiKeyStore keys, String fromEnv, Clock clock) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            String secret = requireUsableSecret(fromEnv);
            String hash = hash(secret);
            if (keys.findByHash(hash).isEmpty()) {
                try {
                    keys.insert(new ApiKey(keyId(hash), "admin (STRATUM_ADMIN_KEY)", hash, ADMIN_ROLE,
                            clock.instant()));
                } catch (ConflictException e) {
                    // Replicas on a shared database start together: another one stored the same key first.
                    if (keys.findByHash(hash).isEmpty()) {
                        throw e;
                    }
                }
            }
            return Optional.empty();
        }
        if (keys.count() > 0) {
            return Optional.empty();
        }
        String secret = newSecret();
        String hash = hash(secret);
        keys.insert(new ApiKey(keyId(hash), "admin (generated at first start)", hash, ADMIN_ROLE, clock.instant()));
        return Optional.of(secret);
    }

    /** A new random secret: {@value #SECRET_PREFIX} followed by 32 random bytes in unpadded base64url. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of a secret: what {@link ApiKeyStore} stores and looks keys up by. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    private static String requireUsableSecret(String secret) {
        String s = secret.strip();
        if (s.length() < MIN_SECRET_LENGTH || s.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new InvalidRequestException("invalid_admin_key", "STRATUM_ADMIN_KEY is " + s.length()
                    + " characters long or holds spaces or non-ASCII characters; use at least " + MIN_SECRET_LENGTH
                    + " printable ASCII characters, for example the output of: openssl rand -base64 32");
        }
        return s;
    }

    /** A stable, non-secret id: a short prefix of the hash, enough to tell keys apart in a listing. */
    private static String keyId(String hash) {
        return "key_" + hash.substring(0, 12);
    }
}
