package dev.stratum.cli;

import dev.stratum.api.StratumService;
import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.audit.AuditVerification;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum audit}: the tamper-evident audit log of the data directory or database. {@code verify} checks the
 * hash chain and exits 1 when an entry was edited, removed or moved, or when the head is not the one expected.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List the audit log: admin actions and model-state changes, oldest first.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Callable<Integer> {
    private static final int PAGE = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0",
            description = "Only entries after this sequence number. Default: ${DEFAULT-VALUE}")
    long after;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript()) {
            out.println(String.join("\t", "seq", "at", "actor", "action", "subject", "details"));
            long from = after;
            List<AuditEntry> page;
            do {
                page = service.auditLog(from, PAGE);
                for (AuditEntry e : page) {
                    out.println(String.join("\t", Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(),
                            e.subject(), e.details()));
                    from = e.seq();
                }
            } while (page.size() == PAGE);
        }
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the audit log's hash chain from its first entry.",
                "Exits 1 and names the first bad entry when one was edited, removed or moved. A log rewritten",
                "whole, hashes and all, checks out: compare the head printed here with a copy kept elsewhere",
                "(the server logs the head at every append), or pass it with --expect-head."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--expect-head", paramLabel = "HASH",
                description = "The head hash kept elsewhere; a log whose last entry has another hash fails.")
        String expectedHead;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AuditVerification result;
            try (StratumService service = data.openForScript()) {
                result = service.verifyAuditLog();
            }
            if (!result.intact()) {
                out.printf("audit log BROKEN at entry %d: %s%n", result.brokenAt(), result.problem());
                out.printf("entries 1 to %d check out; the last of them has hash %s%n", result.verifiedEntries(),
                        result.headHash());
                return Main.EXIT_FAILED;
            }
            if (expectedHead != null && !expectedHead.strip().equalsIgnoreCase(result.headHash())) {
                out.printf("audit log chain intact (%d entries) but its head %s is not the expected %s: entries were"
                        + " removed from its end or the log was rewritten%n", result.verifiedEntries(),
                        result.headHash(), expectedHead.strip());
                return Main.EXIT_FAILED;
            }
            out.printf("audit log intact: %d entries, head %s%n", result.verifiedEntries(), result.headHash());
            return 0;
        }
    }
}
