package dev.stratum.server;

import dev.stratum.api.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The review console: static HTML, CSS and JavaScript modules from the {@code console/} resources, served at
 * {@code /console} without a key. The pages hold no data: they call the {@code /v1} API with the key the reviewer
 * signs in with, so the console can do nothing that key cannot.
 */
final class ConsoleRoutes {
    static final String RESOURCE_DIR = "console/";
    private static final String INDEX = "index.html";
    /** Flat file names only: no slashes or dots to climb out of the directory with. */
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");
    /**
     * Everything from this server and nothing from anywhere else, no inline scripts or styles, and no framing: a
     * review text that smuggles markup into a page still cannot run or send anything.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    void register(RoutesConfig routes) {
        routes.get("/console", ctx -> serve(ctx, INDEX), Access.PUBLIC);
        routes.get("/console/{asset}", ctx -> serve(ctx, ctx.pathParam("asset")), Access.PUBLIC);
    }

    private void serve(Context ctx, String name) {
        byte[] body = find(name).orElseThrow(() -> new NotFoundException("console_asset_not_found", "the console has "
                + "no file '" + JsonBodies.shorten(name) + "'; open the console at /console"));
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        // Revalidate every time: after an upgrade a browser must not mix old modules with new ones.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(CONTENT_TYPES.get(extension)).result(body);
    }

    /** Only files that exist are kept, so probing for names cannot grow the map. */
    private Optional<byte[]> find(String name) {
        if (!ASSET_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        byte[] cached = loaded.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            loaded.put(name, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the console file " + name + " from the server jar", e);
        }
    }
}
