package dev.stratum.server;

import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Exports a task's validated examples for fine-tuning elsewhere, streamed as JSON lines. The headers identify what
 * was exported: the number of examples, their fingerprint and, for a version's export, the version, whose provenance
 * carries the same fingerprint.
 */
final class ExportRoutes {
    static final String FINGERPRINT_HEADER = "X-Stratum-Data-Fingerprint";
    static final String COUNT_HEADER = "X-Stratum-Example-Count";
    static final String VERSION_HEADER = "X-Stratum-Model-Version";

    private final StratumService service;

    ExportRoutes(StratumService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/export", this::export);
    }

    private void export(Context ctx) throws IOException {
        String format = ctx.queryParam("format");
        String version = ctx.queryParam("version");
        ExampleExport export = service.exportExamples(ctx.pathParam("task"),
                format == null ? ExportFormat.JSONL : ExportFormat.parse(format),
                version == null || version.isBlank() ? null : version.strip());
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header(FINGERPRINT_HEADER, export.dataFingerprint());
        ctx.header(COUNT_HEADER, String.valueOf(export.count()));
        if (export.modelVersion() != null) {
            ctx.header(VERSION_HEADER, export.modelVersion());
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("task") + "-"
                + export.format().wireName() + ".jsonl\"");
        OutputStream out = ctx.outputStream();
        export.writeTo(out);
    }
}
