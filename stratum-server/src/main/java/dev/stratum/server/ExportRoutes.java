package dev.stratum.server;

import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Exports a task's validated examples for fine-tuning elsewhere, streamed as JSON lines or CSV, and records a
 * person's confirmation of an example's label, which keeps a suspected label error in curated exports. The headers
 * identify what was exported: the number of examples, their fingerprint, for a version's export the version (whose
 * provenance carries the same fingerprint), and for a curated one how many suspects were left out.
 */
final class ExportRoutes {
    static final String FINGERPRINT_HEADER = "X-Stratum-Data-Fingerprint";
    static final String COUNT_HEADER = "X-Stratum-Example-Count";
    static final String VERSION_HEADER = "X-Stratum-Model-Version";
    static final String EXCLUDED_HEADER = "X-Stratum-Suspects-Excluded";

    private final StratumService service;

    ExportRoutes(StratumService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/export", this::export);
        routes.post("/v1/tasks/{task}/examples/{id}/confirm", this::confirm);
    }

    private void confirm(Context ctx) {
        long id = ExampleRoutes.exampleId(ctx);
        service.confirmExample(ctx.pathParam("task"), id, ModelRoutes.actor(ctx));
        ctx.status(204);
    }

    private void export(Context ctx) throws IOException {
        String format = ctx.queryParam("format");
        String version = ctx.queryParam("version");
        boolean curated = QueryParams.bool(ctx, "curated", false);
        ExampleExport export = service.exportExamples(ctx.pathParam("task"),
                format == null ? ExportFormat.JSONL : ExportFormat.parse(format),
                version == null || version.isBlank() ? null : version.strip(), curated);
        ctx.contentType(export.format().contentType());
        ctx.header(FINGERPRINT_HEADER, export.dataFingerprint());
        ctx.header(COUNT_HEADER, String.valueOf(export.count()));
        if (export.modelVersion() != null) {
            ctx.header(VERSION_HEADER, export.modelVersion());
        }
        if (curated) {
            ctx.header(EXCLUDED_HEADER, String.valueOf(export.suspectsExcluded()));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("task") + "-"
                + export.format().wireName() + "." + export.format().extension() + "\"");
        OutputStream out = ctx.outputStream();
        export.writeTo(out);
    }
}
