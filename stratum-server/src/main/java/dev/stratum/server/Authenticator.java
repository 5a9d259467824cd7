package dev.stratum.server;

import dev.stratum.api.UnauthorizedException;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.ApiKeyStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;

/**
 * The one access check, run before every matched route: public routes pass, every other route needs
 * {@code Authorization: Bearer <key>} with a key whose hash is in the {@link ApiKeyStore}. The key found is left on
 * the request under {@link #API_KEY_ATTRIBUTE} for checks by role later.
 */
final class Authenticator {
    static final String API_KEY_ATTRIBUTE = "stratum.api_key";
    private static final String SCHEME = "bearer ";
    private static final String HOW = "send the header 'Authorization: Bearer <key>' with an API key of this server";
    private final ApiKeyStore keys;

    Authenticator(ApiKeyStore keys) {
        this.keys = keys;
    }

    void check(Context ctx) {
        // HEAD is answered from the route table without running the GET handler, and carries no body.
        if (ctx.routeRoles().contains(Access.PUBLIC) || ctx.method() == HandlerType.HEAD) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new UnauthorizedException("this route needs an API key and none was sent; " + HOW);
        }
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            // The value is not echoed: a client that forgot the scheme has sent its secret as the "scheme".
            throw new UnauthorizedException("the Authorization header does not use the Bearer scheme; " + HOW);
        }
        String secret = value.substring(SCHEME.length()).strip();
        if (secret.isEmpty()) {
            throw new UnauthorizedException("the Authorization header carries no key after 'Bearer'; " + HOW);
        }
        Optional<ApiKey> key = keys.findByHash(AdminKeys.hash(secret));
        if (key.isEmpty()) {
            throw new UnauthorizedException("the API key sent is not known to this server; check that it was copied "
                    + "whole, or ask an admin for a key");
        }
        ctx.attribute(API_KEY_ATTRIBUTE, key.get());
        // What this request changes is audited as the key's name (each request has a thread of its own).
        Actor.set(key.get().name());
    }
}
