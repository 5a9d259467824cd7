package dev.stratum.server;

import dev.stratum.api.StratumService;
import dev.stratum.api.audit.AuditEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The audit log: its entries page by page, oldest first, and a check of its hash chain. Read-only: entries are only
 * ever appended by the actions they record.
 */
final class AuditRoutes {
    static final int MAX_PAGE = 1_000;
    private final StratumService service;

    AuditRoutes(StratumService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/audit", this::entries);
        routes.get("/v1/audit/verify", ctx -> ctx.json(service.verifyAuditLog()));
    }

    private void entries(Context ctx) {
        long after = QueryParams.integer(ctx, "after", 0, 0, Integer.MAX_VALUE);
        int limit = QueryParams.integer(ctx, "limit", 100, 1, MAX_PAGE);
        List<AuditEntry> entries = service.auditLog(after, limit);
        ctx.json(new AuditPage(entries, entries.isEmpty() ? after : entries.getLast().seq()));
    }

    /**
     * One page of the log.
     *
     * @param next the {@code after} of the next page: the last entry's sequence number
     */
    record AuditPage(List<AuditEntry> entries, long next) {}
}
