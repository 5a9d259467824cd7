package dev.stratum.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The tasks overview's charts over time in a real browser: a demo-like task with a trained model, traffic and
 * feedback, drawn from {@code GET /v1/tasks/{task}/stats/history}, with the numbers on the charts checked against
 * the API's. The page is kept as a screenshot under target/console-screenshots/.
 */
class ConsoleOverviewBrowserTest {
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
    void overview_chartsTrafficLayersAbstentionAccuracyAndTheLearningCurve_withTheApisNumbers() {
        String task = server.createDemoTask("console-overview");
        server.importDemoExamplesAndTrain(task);
        List<String> texts = List.of("Team lunch at Luigi's after the release", "SKYHOPPER AIR 0172384456 DENVER CO",
                "Annual licence for the diagramming tool", "Taxi from the airport to the hotel");
        JsonNode first = null;
        JsonNode second = null;
        for (String text : texts) {
            JsonNode p = server.post("/v1/tasks/" + task + "/predict",
                    ConsoleServer.JSON.createObjectNode().put("text", text).toString());
            if (first == null) {
                first = p;
            } else if (second == null) {
                second = p;
            }
        }
        server.post("/v1/predictions/" + first.path("id").asText() + "/feedback", "{\"action\": \"accept\"}");
        String wrong = "meals/team".equals(second.path("label").asText()) ? "travel/airfare" : "meals/team";
        server.post("/v1/predictions/" + second.path("id").asText() + "/feedback",
                "{\"action\": \"correct\", \"label\": \"" + wrong + "\"}");
        JsonNode history = server.get("/v1/tasks/" + task + "/stats/history?bucket=1h&buckets=48");

        browser.open(server.url("/console"));
        browser.script("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.await(By.id("api-key")).sendKeys(server.adminKey, Keys.ENTER);
        String section = "section.task-history[data-task='" + task + "'] ";
        browser.await(By.cssSelector(section + "svg[data-chart=traffic] circle"));

        for (String chart : List.of("traffic", "layers", "abstention", "accuracy", "learning-curve")) {
            assertThat(browser.all(By.cssSelector(section + "svg[data-chart='" + chart + "']"))).as(chart).hasSize(1);
        }
        long apiPredictions = 0;
        for (JsonNode b : history.path("buckets")) {
            apiPredictions += b.path("predictions").asLong();
        }
        assertThat(apiPredictions).isEqualTo(texts.size());
        List<WebElement> traffic = browser.all(By.cssSelector(section + "svg[data-chart=traffic] circle"));
        assertThat(traffic).hasSize(history.path("buckets").size());
        assertThat(traffic.stream().mapToLong(c -> Long.parseLong(c.getDomAttribute("data-y"))).sum())
                .isEqualTo(apiPredictions);
        assertThat(traffic.getLast().findElement(By.tagName("title")).getDomProperty("textContent"))
                .contains(history.path("buckets").get(history.path("buckets").size() - 1).path("predictions")
                        .asText() + " predictions");

        JsonNode last = history.path("buckets").get(history.path("buckets").size() - 1);
        WebElement accuracy = browser.await(By.cssSelector(section + "svg[data-chart=accuracy] circle"));
        assertThat(Double.parseDouble(accuracy.getDomAttribute("data-y")))
                .isCloseTo(last.path("accuracy").asDouble(), offset(1e-9));
        assertThat(accuracy.findElement(By.tagName("title")).getDomProperty("textContent"))
                .contains(last.path("correct").asText() + " of " + last.path("judged").asText() + " right");
        assertThat(last.path("judged").asLong()).isEqualTo(2);

        List<WebElement> layers = browser.all(By.cssSelector(section + "svg[data-chart=layers] rect[data-part]"));
        long answered = layers.stream().mapToLong(r -> Long.parseLong(r.getDomAttribute("data-value"))).sum();
        assertThat(answered).isEqualTo(apiPredictions - sum(history, "withheld"));

        JsonNode curve = history.path("learning_curve");
        assertThat(curve.size()).as("the trained version is on the learning curve").isEqualTo(1);
        WebElement point = browser.await(By.cssSelector(section + "svg[data-chart=learning-curve] circle"));
        assertThat(Long.parseLong(point.getDomAttribute("data-x"))).isEqualTo(curve.get(0).path("examples").asLong());
        assertThat(Double.parseDouble(point.getDomAttribute("data-y")))
                .isCloseTo(curve.get(0).path("accuracy").asDouble(), offset(1e-9));

        browser.script("arguments[0].scrollIntoView()", browser.await(By.cssSelector(section)));
        browser.screenshot("08-tasks-over-time");
    }

    private static long sum(JsonNode history, String field) {
        long total = 0;
        for (JsonNode b : history.path("buckets")) {
            total += b.path(field).asLong();
        }
        return total;
    }
}
