package dev.stratum.server;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. A route registered without a role needs an API key, so forgetting to mark one is safe;
 * roles such as read-only keys can be added here and checked in {@link Authenticator}.
 */
enum Access implements RouteRole {
    /** Anyone, without a key: liveness, readiness, the API description, the console's pages, metrics by default. */
    PUBLIC
}
