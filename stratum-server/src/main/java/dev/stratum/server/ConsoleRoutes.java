package dev.stratum.server;

import io.javalin.config.RoutesConfig;

/** The review console's web pages, served at {@code /console} (being built: registers nothing yet). */
final class ConsoleRoutes {
    void register(RoutesConfig routes) {
        // The console's pages and assets land here.
    }
}
