package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.store.postgres.RequiresPostgres;
import dev.stratum.store.postgres.TcpProxy;
import dev.stratum.store.postgres.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica whose database goes away (a TCP proxy in front of the shared PostgreSQL cuts its line, as a restart of
 * the database would): its requests answer 503 {@code store_unavailable} instead of failing otherwise or hanging, and
 * once the database is back it answers again by itself and catches up with what another replica changed meanwhile.
 */
@RequiresPostgres
class StoreOutageIT {
    private static final String ADMIN_KEY = "sk_outage_test_key_0123456789ab";
    private static final String TASK = "expenses";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void whileTheDatabaseIsAway_requestsAnswer503_andTheReplicaRecoversByItself_catchingUp() throws Exception {
        URI database = URI.create(TestDatabase.url().substring("jdbc:".length()));
        try (PostgresSchema db = PostgresSchema.create();
                TcpProxy proxy = TcpProxy.start(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
                ServerProcess direct = ServerProcess.start(tmp.resolve("direct"), ADMIN_KEY, tmp.resolve("direct.log"),
                        db.environment(), List.of("--no-train"));
                ServerProcess cut = ServerProcess.start(tmp.resolve("cut"), ADMIN_KEY, tmp.resolve("cut.log"),
                        db.environment(proxy.route(TestDatabase.url())), List.of("--no-train"))) {
            ApiClient other = new ApiClient(direct, ADMIN_KEY);
            ApiClient replica = new ApiClient(cut, ADMIN_KEY);
            ObjectNode task = json().put("id", TASK);
            for (String label : List.of("travel", "meals")) {
                task.withArray("labels").addObject().put("name", label).put("description", "Expenses for " + label);
            }
            other.ok("POST", "/v1/tasks", task);
            assertThat(predict(replica).statusCode()).isEqualTo(200);

            proxy.cut();
            long before = System.nanoTime();
            HttpResponse<String> refused = predict(replica);
            Duration took = Duration.ofNanos(System.nanoTime() - before);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            JsonNode error = ApiClient.JSON.readTree(refused.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("store_unavailable");
            assertThat(error.path("message").asText()).contains("PostgreSQL store at 127.0.0.1:" + proxy.port())
                    .contains("check that PostgreSQL is running");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            System.out.printf("503 while the database was away, after %d ms%n", took.toMillis());
            assertThat(replica.send("GET", "/v1/ready", null).statusCode()).isEqualTo(503);

            // Changes the replica cannot hear of while it is cut off: only the logs keep them.
            other.ok("PATCH", "/v1/tasks/" + TASK + "/settings", json().put("retrain_every", 7));
            other.ok("POST", "/v1/tasks/" + TASK + "/examples", json().put("text", "parking at the station")
                    .put("label", "travel"));

            proxy.restore();
            long restored = System.nanoTime();
            await("the replica answers again", () -> predict(replica).statusCode() == 200);
            System.out.printf("answering again %d ms after the database came back%n",
                    Duration.ofNanos(System.nanoTime() - restored).toMillis());
            await("the settings changed meanwhile", () -> replica.get("/v1/tasks/" + TASK).path("settings")
                    .path("retrain_every").asInt() == 7);
            await("the example added meanwhile", () -> replica.get("/v1/tasks/" + TASK + "/stats").path("indexed")
                    .asLong() == 1);
            System.out.printf("caught up %d ms after the database came back%n",
                    Duration.ofNanos(System.nanoTime() - restored).toMillis());
            assertThat(replica.send("GET", "/v1/ready", null).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> predict(ApiClient api) throws IOException, InterruptedException {
        return api.send("POST", "/v1/tasks/" + TASK + "/predict", json().put("text", "taxi to the airport"));
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.holds()) {
            if (System.nanoTime() - start > DEADLINE.toNanos()) {
                fail(what + ": not within " + DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
