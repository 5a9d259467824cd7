package dev.stratum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.demo.DemoTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's error-analysis page in a real browser against a real server: a task with two labels planted wrong
 * lists them as suspects; the reviewer fixes one and confirms the other, and the API shows both changes. Screenshots
 * of the page go to target/console-screenshots/ with the other pages'.
 */
class ErrorAnalysisBrowserTest {
    private static final String STAMPS = "Postage stamps, 100 first clas";
    private static final String AIRLINE = "NORDLAKE AIRLINES ticket 2281907733";
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

    /** The demo task with the stamps labelled airfare and the airline ticket labelled rent. */
    private static String plantedTask() {
        String task = server.createDemoTask("console-errors");
        String csv;
        try (InputStream in = DemoTask.examplesCsv()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String planted = csv.replace("\"" + STAMPS + "\",shipping/postage", "\"" + STAMPS + "\",travel/airfare")
                .replace(AIRLINE + ",travel/airfare", AIRLINE + ",facilities/rent");
        assertThat(planted).contains("\"" + STAMPS + "\",travel/airfare", AIRLINE + ",facilities/rent");
        assertThat(server.post("/v1/tasks/" + task + "/examples/import?format=csv", planted).path("imported").asInt())
                .isEqualTo(502);
        awaitIndexed(task, 502);
        for (String text : List.of("Marriott hotel 2 nights Chicago", "Team lunch after the release",
                "UBER *TRIP HELP.UBER.COM 23.10")) {
            server.post("/v1/tasks/" + task + "/predict", ConsoleServer.JSON.createObjectNode().put("text", text)
                    .toString());
        }
        return task;
    }

    /** Waits until the memory holds the imported examples, so that predictions answer from all of them. */
    private static void awaitIndexed(String task, int examples) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (server.get("/v1/tasks/" + task + "/stats").path("indexed").asInt() < examples) {
            assertThat(System.nanoTime()).as("%s indexed within 5 minutes", task).isLessThan(deadline);
            try {
                Thread.sleep(200); // between polls of the condition, which has the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits through the API until the task's background analysis is ready; minutes on a busy machine. */
    private static JsonNode analysed(String task, String query) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        JsonNode losses = server.get("/v1/tasks/" + task + "/analysis/losses" + query);
        while (!losses.path("status").asText().equals("ready")) {
            assertThat(losses.path("status").asText()).isEqualTo("computing");
            assertThat(System.nanoTime()).as("analysis ready within 10 minutes").isLessThan(deadline);
            try {
                Thread.sleep(500); // between polls of the condition, which has the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            losses = server.get("/v1/tasks/" + task + "/analysis/losses" + query);
        }
        return losses;
    }

    private static long idOf(JsonNode losses, String text) {
        for (JsonNode item : losses.path("items")) {
            if (item.path("text").asText().equals(text)) {
                return item.path("example_id").asLong();
            }
        }
        throw new AssertionError(text + " is not listed: " + losses);
    }

    @Test
    void errorAnalysis_fixingOneSuspectAndConfirmingAnother_reachesTheApi() {
        String task = plantedTask();
        signIn();
        browser.open(server.url("/console#/errors/" + task));
        browser.await(By.cssSelector("#analysis-status"));
        browser.screenshot("07-error-analysis-opened");

        JsonNode losses = analysed(task, "?limit=10");
        long stamps = idOf(losses, STAMPS);
        long airline = idOf(losses, AIRLINE);
        browser.await(By.cssSelector("#analysis-status[data-status='ready']"));
        WebElement stampsRow = browser.await(By.cssSelector("#losses-table tr[data-example-id='" + stamps + "']"));
        WebElement airlineRow = browser.await(By.cssSelector("#losses-table tr[data-example-id='" + airline + "']"));
        assertThat(browser.all(By.cssSelector("#losses-table tbody tr")).subList(0, 10)).contains(stampsRow,
                airlineRow);
        Select choice = new Select(stampsRow.findElement(By.cssSelector("select.fix-label")));
        assertThat(choice.getFirstSelectedOption().getText()).isEqualTo("shipping/postage");
        browser.screenshot("08-error-analysis-suspects");

        stampsRow.findElement(By.cssSelector("button.fix")).click();
        browser.await(By.cssSelector("#losses-table tr[data-example-id='" + stamps + "'][data-state='fixed']"));
        airlineRow.findElement(By.cssSelector("button.confirm")).click();
        browser.await(By.cssSelector("#losses-table tr[data-example-id='" + airline + "'][data-state='confirmed']"));
        browser.screenshot("09-error-analysis-fixed-and-confirmed");

        List<String> examples = server.get("/v1/tasks/" + task + "/examples?limit=1000").path("items")
                .findValuesAsText("text");
        JsonNode fixed = null;
        for (JsonNode e : server.get("/v1/tasks/" + task + "/examples?limit=1000").path("items")) {
            if (e.path("text").asText().equals(STAMPS)) {
                fixed = e;
            }
        }
        assertThat(examples).contains(STAMPS);
        assertThat(fixed.path("label").asText()).isEqualTo("shipping/postage");
        assertThat(fixed.path("id").asLong()).isNotEqualTo(stamps);
        JsonNode after = server.get("/v1/tasks/" + task + "/analysis/losses?limit=1000");
        assertThat(after.path("items").findValuesAsText("text")).doesNotContain(STAMPS, AIRLINE);
        JsonNode all = server.get("/v1/tasks/" + task + "/analysis/losses?limit=1000&include_confirmed=true");
        for (JsonNode item : all.path("items")) {
            if (item.path("example_id").asLong() == airline) {
                assertThat(item.path("confirmed").asBoolean()).isTrue();
                assertThat(item.path("label").asText()).isEqualTo("facilities/rent");
            }
        }
        assertThat(all.path("items").findValuesAsText("text")).contains(AIRLINE);
    }

    @Test
    void errorAnalysis_drawsTheConfusionHeatMapAndExplainsConfidentPredictions() {
        String task = plantedTask();
        analysed(task, "");
        signIn();
        browser.open(server.url("/console#/errors/" + task));

        browser.await(By.cssSelector("#analysis-status[data-status='ready']"));
        WebElement map = browser.await(By.cssSelector("svg#confusion-map"));
        assertThat(map.findElements(By.cssSelector("rect.cell"))).hasSize(400);
        assertThat(browser.all(By.cssSelector("#confused-pairs li.pair"))).isNotEmpty();
        browser.script("document.getElementById('confusion').scrollIntoView()");
        browser.screenshot("10-error-analysis-confusion");

        List<WebElement> explained = browser.all(By.cssSelector("#confident-list li.explained"));
        assertThat(explained).hasSize(3);
        assertThat(explained.getFirst().findElements(By.cssSelector(".word"))).isNotEmpty();
        browser.script("document.getElementById('confident').scrollIntoView()");
        browser.screenshot("11-error-analysis-confident");
    }

    private static void signIn() {
        browser.open(server.url("/console"));
        browser.script("sessionStorage.clear()");
        browser.open(server.url("/console#/"));
        browser.driver.navigate().refresh();
        browser.await(By.id("api-key")).sendKeys(server.adminKey, Keys.ENTER);
        browser.await(By.id("tasks"));
    }
}
