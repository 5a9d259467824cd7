package dev.stratum.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What {@code serve} prints once it listens: where, the admin key when it was just generated, and what to try.
 *
 * @param generatedKey the admin key generated at this start, or null
 * @param keyFromEnv whether the admin key comes from {@code STRATUM_ADMIN_KEY}
 */
record ServeBanner(String host, int port, Path dataDir, String generatedKey, boolean keyFromEnv, boolean demo) {

    void print(PrintWriter out) {
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        out.println();
        out.println("Stratum is listening on " + url + " (data in " + dataDir.toAbsolutePath().normalize() + ")");
        if (generatedKey != null) {
            out.println();
            out.println("Admin API key, shown only this once; keep it somewhere safe:");
            out.println("  " + generatedKey);
        }
        String key = generatedKey != null ? generatedKey
                : keyFromEnv ? "$" + ServeCommand.ADMIN_KEY_ENV : "<the admin key printed at the first start>";
        out.println();
        out.println("Try:");
        out.println("  curl -s " + url + "/v1/health");
        if (demo) {
            out.println("  curl -s -H \"Authorization: Bearer " + key + "\" -H 'Content-Type: application/json' \\");
            out.println("       -d '{\"text\": \"ZIPRIDE *TRIP 2291 BOSTON MA\"}' " + url
                    + "/v1/tasks/expenses/predict");
        } else {
            out.println("  curl -s -H \"Authorization: Bearer " + key + "\" " + url + "/v1/tasks");
            out.println("  (or start with --demo to get a ready-made task 'expenses')");
        }
        out.println();
        out.println("Stop with Ctrl-C.");
    }
}
