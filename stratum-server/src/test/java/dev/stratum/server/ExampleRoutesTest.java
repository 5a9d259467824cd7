package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExampleRoutesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void addExample_returns201AndItIsListed() {
        String task = t.createTask("add");

        Reply reply = t.post("/v1/tasks/" + task + "/examples", "{\"text\": \"Hilton Paris\", \"label\": \"travel\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("source").asText()).isEqualTo("api");
        JsonNode page = t.get("/v1/tasks/" + task + "/examples").json();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("text").asText()).isEqualTo("Hilton Paris");
    }

    @Test
    void addExample_labelOutsideTheTaxonomy_returns400() {
        String task = t.createTask("add-unknown");

        Reply reply = t.post("/v1/tasks/" + task + "/examples", "{\"text\": \"Hilton\", \"label\": \"hotels\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("hotels");
    }

    @Test
    void importCsv_importsRowsAndReportsSkippedOnes() {
        String task = t.createTask("import-csv");
        String csv = "text,label\nTaxi downtown,travel\nSandwiches,meals\nSomething,unknown-label\n";

        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import", "text/csv", bytes(csv));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("imported").asLong()).isEqualTo(2);
        assertThat(reply.json().path("skipped").asLong()).isEqualTo(1);
        assertThat(reply.json().path("errors").get(0).path("line").asLong()).isEqualTo(4);
    }

    @Test
    void importJsonLines_byFormatParameter_withCustomColumnsAndNewLabels() {
        String task = t.createTask("import-jsonl");
        String jsonl = "{\"description\": \"Zoom annual plan\", \"category\": \"software\"}\n"
                + "{\"description\": \"Stapler\", \"category\": \"office\"}\n";

        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import?format=jsonl&text_col=description"
                + "&label_col=category&add_labels=true", "application/octet-stream", bytes(jsonl));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("imported").asLong()).isEqualTo(2);
        assertThat(reply.json().path("labels_added").get(0).asText()).isEqualTo("office");
    }

    @Test
    void importExamples_unknownFormat_returns400() {
        String task = t.createTask("import-format");

        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import?format=xlsx", "text/csv", bytes("text,label\n"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("format=csv");
    }

    @Test
    void importExamples_badAddLabelsValue_returns400() {
        String task = t.createTask("import-flag");

        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import?add_labels=maybe", "text/csv", bytes("text,label\n"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("add_labels=true");
    }

    @Test
    void examplesPage_honoursOffsetAndLimit() {
        String task = t.createTask("page");
        t.postRaw("/v1/tasks/" + task + "/examples/import", "text/csv",
                bytes("text,label\none,travel\ntwo,meals\nthree,software\n"));

        JsonNode page = t.get("/v1/tasks/" + task + "/examples?offset=1&limit=1").json();

        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items").findValuesAsText("text")).containsExactly("two");
    }

    @Test
    void deleteExample_returns204AndRemovesIt() {
        String task = t.createTask("delete");
        long id = t.post("/v1/tasks/" + task + "/examples", "{\"text\": \"Hilton\", \"label\": \"travel\"}").json()
                .path("id").asLong();

        Reply reply = t.method("DELETE", "/v1/tasks/" + task + "/examples/" + id, null);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(t.get("/v1/tasks/" + task + "/examples").json().path("total").asLong()).isZero();
        assertThat(t.method("DELETE", "/v1/tasks/" + task + "/examples/" + id, null).status()).isEqualTo(404);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
