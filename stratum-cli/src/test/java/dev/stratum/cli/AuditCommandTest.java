package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratum audit}: the log of what the command line did, and a verifier that finds tampering. */
class AuditCommandTest {
    @TempDir
    Path tmp;

    private CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = tmp.toString();
        return CliRun.of(all);
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("stratum.db"));
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Three audited actions: a task created, its labels replaced, then its settings. */
    private void auditedActions() {
        assertThat(cli("tasks", "create", "t", "--labels", "a,b").exitCode()).isZero();
        assertThat(cli("tasks", "create", "u", "--labels", "a,b,c").exitCode()).isZero();
        assertThat(cli("tasks", "create", "v", "--labels", "c,d").exitCode()).isZero();
    }

    @Test
    void list_showsEachActionWithTheCliUserAsActor() {
        auditedActions();

        CliRun list = cli("audit");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().skip(1).toList()).hasSize(3).allSatisfy(line ->
                assertThat(line).contains("\tcli: ").contains("\ttask.create\t"));
        assertThat(cli("audit", "--after", "2").out().lines().skip(1).toList()).singleElement()
                .asString().startsWith("3\t");
    }

    @Test
    void verify_anUntouchedLog_exits0_andPrintsTheHead_whichExpectHeadAccepts() {
        auditedActions();

        CliRun verify = cli("audit", "verify");

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        Matcher head = Pattern.compile("audit log intact: 3 entries, head ([0-9a-f]{64})").matcher(verify.out());
        assertThat(head.find()).as(verify.out()).isTrue();
        assertThat(cli("audit", "verify", "--expect-head", head.group(1)).exitCode()).isZero();
    }

    @Test
    void verify_findsAnEditedEntry_exits1() throws SQLException {
        auditedActions();
        tamper("update audit_log set details = '{\"kind\":\"generation\",\"labels\":2}' where seq = 2");

        CliRun verify = cli("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN at entry 2").contains("changed after it was written");
    }

    @Test
    void verify_findsARemovedEntry_exits1() throws SQLException {
        auditedActions();
        tamper("delete from audit_log where seq = 2");

        CliRun verify = cli("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN at entry 3").contains("entries 2 to 2 are missing");
    }

    @Test
    void verify_findsReorderedEntries_exits1() throws SQLException {
        auditedActions();
        tamper("update audit_log set seq = 100 where seq = 1");
        tamper("update audit_log set seq = 1 where seq = 2");
        tamper("update audit_log set seq = 2 where seq = 100");

        CliRun verify = cli("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN at entry 1");
    }

    @Test
    void verify_findsEntriesCutFromTheEnd_onlyAgainstTheExpectedHead() throws SQLException {
        auditedActions();
        Matcher head = Pattern.compile("head ([0-9a-f]{64})").matcher(cli("audit", "verify").out());
        assertThat(head.find()).isTrue();
        tamper("delete from audit_log where seq = 3");

        assertThat(cli("audit", "verify").exitCode()).as("a shorter chain is still a chain").isZero();
        CliRun against = cli("audit", "verify", "--expect-head", head.group(1));
        assertThat(against.exitCode()).isEqualTo(1);
        assertThat(against.out()).contains("is not the expected");
    }
}
