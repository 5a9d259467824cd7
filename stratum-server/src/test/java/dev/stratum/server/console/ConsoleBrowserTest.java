package dev.stratum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The review console in a real browser (headless Chromium) against a real server: each test signs in with the admin
 * key, works through the pages as a reviewer would, and checks through the API that what it did reached the server.
 * Every page it visits is kept as a screenshot under target/console-screenshots/.
 */
class ConsoleBrowserTest {
    private static final String OUT_OF_SCOPE_TEXT = "How long should I boil an egg so that the yolk stays soft?";
    private static ConsoleServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        server = ConsoleServer.shared();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signIn_refusesAWrongKeyWithTheServersMessage_andWithTheAdminKeyShowsTheTasks() {
        String task = server.createDemoTask("console-signin");
        server.post("/v1/tasks/" + task + "/predict", "{\"text\": \"Team lunch after the release\"}");
        signOut();

        browser.await(By.id("api-key")).sendKeys("sk_not_a_key_of_this_server_at_all");
        browser.await(By.id("sign-in-button")).click();
        WebElement error = browser.await(By.cssSelector("#sign-in-status .error"));
        assertThat(error.getText()).contains("not known to this server");
        browser.screenshot("01-sign-in-refused");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);

        WebElement key = browser.await(By.id("api-key"));
        key.clear();
        key.sendKeys(server.adminKey);
        browser.await(By.id("sign-in-button")).click();

        WebElement row = browser.await(By.cssSelector("#tasks tr[data-task='" + task + "']"));
        assertThat(row.findElement(By.cssSelector("[data-field=predictions]")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.cssSelector("[data-field=examples]")).getText()).isEqualTo("0");
        assertThat(row.findElement(By.cssSelector("[data-field=current_model]")).getText()).isEqualTo("not trained");
        assertThat(row.findElements(By.cssSelector("svg.share rect.part-general"))).as("layer mix chart").isNotEmpty();
        browser.screenshot("02-tasks");
    }

    @Test
    void reviewingThreeItemsByKeyboard_resolvesEachInTheApi_andUndoCorrectsTheLastThroughItsPrediction() {
        String task = server.createDemoTask("console-review");
        server.put("/v1/tasks/" + task + "/policy", "{}");
        Map<String, JsonNode> items = new HashMap<>();
        for (String text : List.of("SKYHOPPER AIR 0172384456 DENVER CO", "Team lunch at Luigi's after the release",
                OUT_OF_SCOPE_TEXT)) {
            JsonNode odd = server.post("/v1/tasks/" + task + "/predict",
                    ConsoleServer.JSON.createObjectNode().put("text", text).toString()).path("odd");
            assertThat(odd.path("action").asText()).as("an untrained task under a policy queues %s", text)
                    .isEqualTo("review");
            items.put(odd.path("review_item_id").asText(), server.get("/v1/review/" + odd.path("review_item_id").asText()));
        }
        signIn();
        browser.open(server.url("/console#/review/" + task));

        Map<String, String> decided = new HashMap<>();
        List<String> order = new ArrayList<>();
        boolean pickedByDigit = false;
        String shown = currentItem();
        browser.screenshot("03-review-queue");
        while (!shown.isEmpty()) {
            JsonNode item = items.get(shown);
            assertThat(item).as("the console shows item %s of this task's queue", shown).isNotNull();
            String decision;
            if (item.path("text").asText().equals(OUT_OF_SCOPE_TEXT)) {
                press("x");
                decision = null;
            } else if (!pickedByDigit) {
                decision = browser.await(By.cssSelector("#review-item li[data-label]")).getDomAttribute("data-label");
                press("1");
                pickedByDigit = true;
            } else {
                decision = "meals/team";
                search(decision);
            }
            decided.put(shown, decision);
            order.add(shown);
            shown = nextItemAfter(shown);
        }
        browser.await(By.id("queue-empty"));
        browser.screenshot("04-review-done");

        assertThat(order).hasSize(3);
        List<String> labelled = new ArrayList<>();
        for (String id : order) {
            JsonNode item = server.get("/v1/review/" + id);
            assertThat(item.path("status").asText()).as("item %s", id).isEqualTo("resolved");
            assertThat(item.path("out_of_scope").asBoolean()).isEqualTo(decided.get(id) == null);
            if (decided.get(id) != null) {
                assertThat(item.path("resolved_label").asText()).isEqualTo(decided.get(id));
                labelled.add(item.path("text").asText() + " -> " + decided.get(id));
            }
        }
        assertThat(examples(task)).containsExactlyInAnyOrderElementsOf(labelled);

        String last = order.get(2);
        press("u");
        assertThat(browser.await(By.id("undo-notice")).getText()).contains("cannot re-open");
        assertThat(currentItem()).isEqualTo(last);
        browser.screenshot("05-review-undo");
        String changed = "meals/team".equals(decided.get(last)) ? "office/supplies" : "meals/team";
        search(changed);
        browser.await(By.id("queue-empty"));

        JsonNode item = items.get(last);
        assertThat(server.get("/v1/predictions/" + item.path("prediction_id").asText()).path("feedback")
                .path("action").asText()).isEqualTo("correct");
        labelled.removeIf(e -> e.startsWith(item.path("text").asText() + " -> "));
        labelled.add(item.path("text").asText() + " -> " + changed);
        assertThat(examples(task)).containsExactlyInAnyOrderElementsOf(labelled);
    }

    @Test
    void modelsPage_showsATrainedVersionWithItsProvenanceAndMetrics() {
        String task = server.createDemoTask("console-models");
        server.importDemoExamplesAndTrain(task);
        JsonNode model = server.get("/v1/tasks/" + task + "/models").path("models").get(0);
        signIn();

        browser.open(server.url("/console#/models/" + task));

        WebElement version = browser.await(By.cssSelector("section.model[data-version='1']"));
        assertThat(version.getText()).contains(model.path("id").asText())
                .contains(model.path("provenance").path("data_fingerprint").asText())
                .contains(model.path("provenance").path("encoder_ids").get(0).asText());
        WebElement accuracy = version.findElement(By.cssSelector("tr[data-metric='odd_accuracy'] td"));
        assertThat(Double.parseDouble(accuracy.getText()))
                .isCloseTo(model.path("metrics").path("odd_accuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(browser.all(By.cssSelector("svg.bars rect.bar"))).hasSize(1);
        browser.screenshot("06-models");

        browser.open(server.url("/console#/tasks"));
        WebElement row = browser.await(By.cssSelector("#tasks tr[data-task='" + task + "']"));
        assertThat(row.findElement(By.cssSelector("[data-field=current_model]")).getText()).startsWith("v1");
    }

    private static void signOut() {
        browser.open(server.url("/console"));
        browser.script("sessionStorage.clear()");
        browser.open(server.url("/console#/"));
        browser.driver.navigate().refresh();
    }

    private static void signIn() {
        signOut();
        browser.await(By.id("api-key")).sendKeys(server.adminKey, Keys.ENTER);
        browser.await(By.id("tasks"));
    }

    private static void press(String key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    private static void search(String label) {
        press("/");
        WebElement input = browser.await(By.id("label-search"));
        input.sendKeys(label);
        browser.until(d -> label.equals(input.getDomProperty("value")));
        input.sendKeys(Keys.ENTER);
    }

    /** The id of the item on screen, or "" once the queue is empty. */
    private static String currentItem() {
        return browser.until(d -> {
            String id = d.findElement(By.id("review-item")).getDomAttribute("data-item-id");
            return id == null ? null : id;
        });
    }

    /** Waits until the decision on {@code id} is saved and another item (or none) is shown. */
    private static String nextItemAfter(String id) {
        return browser.until(d -> {
            String state = d.findElement(By.id("review-status")).getDomAttribute("data-state");
            if ("failed".equals(state)) {
                throw new AssertionError("saving failed: " + d.findElement(By.id("review-status")).getText());
            }
            String now = d.findElement(By.id("review-item")).getDomAttribute("data-item-id");
            return "saved".equals(state) && now != null && !now.equals(id) ? now : null;
        });
    }

    private static List<String> examples(String task) {
        List<String> out = new ArrayList<>();
        for (JsonNode example : server.get("/v1/tasks/" + task + "/examples?limit=100").path("items")) {
            assertThat(example.path("source").asText()).isIn("review", "feedback");
            out.add(example.path("text").asText() + " -> " + example.path("label").asText());
        }
        return out;
    }
}
