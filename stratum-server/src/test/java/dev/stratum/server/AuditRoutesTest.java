package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRoutesTest {
    private final TestServer t = TestServer.shared();

    /** Every entry of the log, read page by page as a client would. */
    private List<JsonNode> wholeLog() {
        List<JsonNode> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = t.get("/v1/audit?limit=50&after=" + after).json();
            page.path("entries").forEach(entries::add);
            if (page.path("entries").isEmpty()) {
                return entries;
            }
            after = page.path("next").asLong();
        }
    }

    @Test
    void adminActions_throughTheApi_areAuditedAsTheKey_inOrder() {
        String task = t.createTask("audited");
        assertThat(t.method("PATCH", "/v1/tasks/" + task + "/settings", "{\"retrain_every\": 9}").status())
                .isEqualTo(200);
        assertThat(t.method("PUT", "/v1/tasks/" + task + "/policy", "{}").status()).isEqualTo(200);
        assertThat(t.get("/v1/tasks/" + task + "/export").status()).isEqualTo(200);

        List<JsonNode> mine = wholeLog().stream().filter(e -> e.path("subject").asText().equals(task)).toList();
        assertThat(mine).extracting(e -> e.path("action").asText())
                .containsExactly("task.create", "task.settings", "policy.set", "examples.export");
        assertThat(mine).extracting(e -> e.path("actor").asText()).containsOnly("admin (generated at first start)");
        assertThat(mine.get(1).path("details").asText()).contains("\"retrain_every\":9");
        assertThat(mine.get(3).path("details").asText()).contains("\"format\":\"jsonl\"", "\"fingerprint\":");
    }

    @Test
    void verify_onAnUntouchedLog_isIntact_andItsHeadIsTheLastEntry() {
        t.createTask("verified");
        List<JsonNode> log = wholeLog();

        JsonNode verification = t.get("/v1/audit/verify").json();

        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("verified_entries").asLong()).isGreaterThanOrEqualTo(log.size());
        assertThat(verification.path("problem").isNull()).isTrue();
    }

    @Test
    void theLog_needsAKey_andRefusesABadPage() {
        Reply anonymous = t.send(t.unauthenticated("/v1/audit").GET());
        assertThat(anonymous.status()).isEqualTo(401);

        Reply bad = t.get("/v1/audit?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("code").asText()).isEqualTo("invalid_query_parameter");
    }
}
