package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import dev.stratum.server.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generation tasks through HTTP, against an OpenAI-compatible server scripted with answers: outputs are validated
 * against the task's JSON Schema and asked again on failure, every attempt is recorded, what never validates or
 * cannot be generated is handled by the ODD policy, and validated outputs come back as few-shot examples.
 */
class GenerationEndToEndTest {
    private static final String SCHEMA = """
            {"output": {"max_reasks": 1, "json_schema": {"type": "object", "required": ["summary", "priority"],
              "properties": {"summary": {"type": "string"}, "priority": {"enum": ["low", "high"]}},
              "additionalProperties": false}}}""";

    private final ScriptedOpenAiServer llm = ScriptedOpenAiServer.start();
    private final TestServer t = TestServer.withLanguageModel(llm.baseUrl());

    @AfterEach
    void close() {
        t.close();
        llm.close();
    }

    @Test
    void outputsAreValidated_reasked_recorded_andValidatedOnesBecomeFewShotExamples() {
        String task = createTask();
        assertThat(t.method("PUT", "/v1/tasks/" + task + "/policy", SCHEMA).status()).isEqualTo(200);

        llm.enqueue(ScriptedOpenAiServer.Reply.content("{\"summary\": \"cannot log in\", \"priority\": "),
                ScriptedOpenAiServer.Reply.content("{\"summary\": \"Cannot log in\", \"priority\": \"high\"}"));
        JsonNode first = generate(task, "I have been locked out of my account since this morning");
        assertThat(first.path("odd").path("inside").asBoolean()).as("%s", first).isTrue();
        assertThat(first.path("label").asText()).isEqualTo("{\"summary\":\"Cannot log in\",\"priority\":\"high\"}");
        assertThat(first.path("attempts")).hasSize(2);
        assertThat(first.path("attempts").get(0).path("error").asText()).isNotBlank();
        assertThat(first.path("attempts").get(1).path("error").isNull()).isTrue();
        assertThat(llm.requests().get(1).message(-1)).as("the re-ask names the error").containsIgnoringCase("json");

        Reply accepted = t.post("/v1/predictions/" + first.path("id").asText() + "/feedback",
                "{\"action\": \"accept\"}");
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);

        llm.enqueue(ScriptedOpenAiServer.Reply.content("{\"summary\": \"Printer broken\", \"priority\": \"urgent\"}"),
                ScriptedOpenAiServer.Reply.content("{\"summary\": \"Printer broken\", \"priority\": \"urgent\"}"));
        JsonNode invalid = generate(task, "The printer on floor 2 is jammed");
        assertThat(llm.requests().get(2).body().toString()).as("few-shot example in the prompt")
                .contains("locked out of my account");
        assertThat(invalid.path("odd").path("rule").asText()).as("%s", invalid).isEqualTo("output_invalid");
        assertThat(invalid.path("odd").path("action").asText()).isEqualTo("fallback");
        assertThat(invalid.path("source").asText()).isEqualTo("hyperlocal");
        assertThat(invalid.path("label").asText()).isEqualTo(first.path("label").asText());
        assertThat(invalid.path("attempts")).hasSize(2);

        Reply corrected = t.post("/v1/predictions/" + invalid.path("id").asText() + "/feedback",
                "{\"action\": \"correct\", \"output\": {\"summary\": \"Printer jammed\", \"priority\": \"low\"}}");
        assertThat(corrected.status()).as("correct: %s", corrected).isEqualTo(200);
        Reply badOutput = t.post("/v1/predictions/" + invalid.path("id").asText() + "/feedback",
                "{\"action\": \"correct\", \"output\": {\"summary\": \"Printer jammed\", \"priority\": \"urgent\"}}");
        assertThat(badOutput.status()).isEqualTo(400);
        assertThat(badOutput.errorCode()).isEqualTo("invalid_output");
        assertThat(t.get("/v1/tasks/" + task + "/examples?limit=10").json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void aProviderThatIsDown_fallsBackToTheMemory_orQueuesTheItemForAPerson() {
        String task = createTask();
        llm.otherwise(ScriptedOpenAiServer.Reply.serverError());

        JsonNode noMemory = generate(task, "The VPN drops every few minutes");
        assertThat(noMemory.path("odd").path("rule").asText()).as("%s", noMemory).isEqualTo("provider_unavailable");
        assertThat(noMemory.path("label").isNull()).isTrue();
        assertThat(noMemory.path("odd").path("action").asText()).isEqualTo("review");
        String item = noMemory.path("odd").path("review_item_id").asText();
        Reply resolved = t.post("/v1/review/" + item + "/resolve",
                "{\"output\": {\"summary\": \"VPN unstable\", \"priority\": \"high\"}}");
        assertThat(resolved.status()).as("resolve: %s", resolved).isEqualTo(200);

        JsonNode fromMemory = generate(task, "The VPN keeps dropping");
        assertThat(fromMemory.path("source").asText()).as("%s", fromMemory).isEqualTo("hyperlocal");
        assertThat(fromMemory.path("label").asText()).contains("VPN unstable");
        assertThat(fromMemory.path("odd").path("inside").asBoolean()).isFalse();
    }

    @Test
    void aGenerationTask_isNotAClassifier_andNeedsAConfiguredModel() {
        String task = createTask();
        Reply predict = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"hello\"}");
        assertThat(predict.status()).isEqualTo(400);
        assertThat(predict.errorCode()).isEqualTo("wrong_task_kind");

        Reply withoutModel = TestServer.shared().post("/v1/tasks", "{\"id\": \""
                + TestServer.uniqueTaskId("gen") + "\", \"kind\": \"generation\", \"instructions\": \"Summarise\"}");
        assertThat(withoutModel.status()).isEqualTo(503);
        assertThat(withoutModel.errorCode()).isEqualTo("no_language_model");
    }

    @Test
    void aClassificationTask_canAskTheLanguageModel_asItsGeneralLayer_andFallsBackToTheLocalOne() {
        String task = TestServer.uniqueTaskId("tickets-llm");
        Reply created = t.post("/v1/tasks", "{\"id\": \"" + task + "\", \"labels\": [{\"name\": \"billing\","
                + " \"description\": \"charges and refunds\"}, \"bug\", \"feature\"],"
                + " \"settings\": {\"general_layer\": \"llm\"}}");
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        assertThat(created.json().path("settings").path("general_layer").asText()).isEqualTo("llm");

        llm.enqueue(ScriptedOpenAiServer.Reply.content("{\"label\": \"refunds\"}"),
                ScriptedOpenAiServer.Reply.content("{\"label\": \"billing\"}"));
        Reply answered = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"I was charged twice this month\"}");
        assertThat(answered.status()).as("predict: %s", answered).isEqualTo(200);
        assertThat(answered.json().path("label").asText()).isEqualTo("billing");
        assertThat(answered.json().path("source").asText()).isEqualTo("general");
        assertThat(answered.json().path("model_version").asText()).isEqualTo("llm:scripted-model/classify/v1");
        assertThat(answered.json().path("attempts")).hasSize(2);
        assertThat(answered.json().path("attempts").get(0).path("error").asText()).contains("refunds");
        assertThat(llm.requests().get(0).body().toString()).as("the taxonomy is in the prompt")
                .contains("charges and refunds");

        llm.otherwise(ScriptedOpenAiServer.Reply.serverError());
        Reply local = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"The app crashes on start\"}");
        assertThat(local.status()).as("predict: %s", local).isEqualTo(200);
        assertThat(local.json().path("model_version").asText()).as("%s", local)
                .isEqualTo("bge-small-en-v1.5-q");
        assertThat(local.json().path("attempts").get(0).path("error").asText()).isNotBlank();

        Reply withoutModel = TestServer.shared().method("PATCH", "/v1/tasks/" + TestServer.shared().createTask("plain")
                + "/settings", "{\"general_layer\": \"llm\"}");
        assertThat(withoutModel.status()).isEqualTo(503);
        assertThat(withoutModel.errorCode()).isEqualTo("no_language_model");
    }

    private String createTask() {
        String id = TestServer.uniqueTaskId("tickets-gen");
        Reply created = t.post("/v1/tasks", "{\"id\": \"" + id + "\", \"kind\": \"generation\", \"instructions\":"
                + " \"Summarise the support ticket in a few words and say whether it is urgent.\"}");
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        assertThat(created.json().path("kind").asText()).isEqualTo("generation");
        return id;
    }

    private JsonNode generate(String task, String input) {
        Reply reply = t.post("/v1/tasks/" + task + "/generate",
                TestServer.JSON.createObjectNode().put("input", input));
        assertThat(reply.status()).as("generate: %s", reply).isEqualTo(200);
        return reply.json();
    }
}
