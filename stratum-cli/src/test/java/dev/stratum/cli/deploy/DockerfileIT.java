package dev.stratum.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stratum.cli.Main;
import dev.stratum.cli.deploy.Dockerfile.Copy;
import dev.stratum.cli.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/Dockerfile checked without a container engine, against the runnable jar this build made: every file it
 * copies exists, its base images are pinned, it runs as a non-root user, and its ENTRYPOINT, CMD, ENV and HEALTHCHECK
 * start a server that works with no home directory and answers the health check.
 */
class DockerfileIT {
    /** name:1.2.3... with an optional digest, or any name with a digest: never a floating tag such as 25-jre. */
    private static final Pattern PINNED = Pattern.compile("[\\w./-]+(:\\d+\\.\\d+[\\w.-]*)?(@sha256:[0-9a-f]{64})?");
    private static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static Path root;
    private static Dockerfile dockerfile;
    private static Stage runtime;

    @BeforeAll
    static void read() throws IOException {
        root = Repository.root();
        dockerfile = Dockerfile.read(root.resolve("deploy/Dockerfile"));
        runtime = dockerfile.lastStage();
    }

    @Test
    void baseImages_arePinnedToExactReleases() {
        assertThat(dockerfile.stages()).as("a build stage and a runtime stage").hasSizeGreaterThanOrEqualTo(2);
        for (Stage stage : dockerfile.stages()) {
            Matcher pinned = PINNED.matcher(stage.image());
            assertThat(pinned.matches() && (pinned.group(1) != null || pinned.group(2) != null))
                    .as("FROM %s is pinned to a release (name:1.2.3...) or a digest", stage.image()).isTrue();
        }
        assertThat(runtime.image()).as("the runtime image is a JRE, not a JDK").contains("jre");
    }

    @Test
    void runsAsANonRootUser_givenByNumber() {
        String user = runtime.user();
        assertThat(user).as("USER of the runtime stage").isNotNull().matches("\\d+(:\\d+)?");
        assertThat(Long.parseLong(user.split(":")[0])).as("uid (numeric, so that runAsNonRoot can check it)").isPositive();
    }

    @Test
    void everyCopiedFile_existsInTheRepository_orIsMadeByTheBuildStage() throws IOException {
        Stage build = dockerfile.stages().get(0);
        List<String> copied = new ArrayList<>();
        for (Copy copy : build.copies()) {
            assertThat(copy.fromStage()).as("the build stage copies from the build context").isNull();
            for (String source : copy.sources()) {
                assertThat(root.resolve(source)).as("COPY %s", source).exists();
                copied.add(source.replaceAll("/$", ""));
            }
        }
        assertThat(copied).as("what the Maven Wrapper and the reactor need").contains(".mvn", "mvnw", "pom.xml");
        assertThat(copied).as("every module of the root pom").containsAll(rootPomModules());
        assertThat(String.join(" ", build.all("RUN").stream().map(Dockerfile.Instruction::arguments).toList()))
                .contains("./mvnw", "-pl stratum-cli", "package");

        List<Copy> fromBuild = runtime.copies().stream().filter(c -> c.fromStage() != null).toList();
        assertThat(fromBuild).as("the runtime stage takes only the jar from the build").hasSize(1);
        Copy jar = fromBuild.get(0);
        assertThat(jar.fromStage()).isEqualTo(build.name());
        String inBuild = jar.sources().get(0);
        assertThat(inBuild).startsWith(build.workdir() + "/");
        Path built = root.resolve(inBuild.substring(build.workdir().length() + 1));
        assertThat(built).as("the file the build stage makes, as this build made it").isRegularFile()
                .isEqualTo(jarUnderTest());
        assertThat(runtime.copies()).as("nothing from the build context in the runtime image")
                .allMatch(c -> c.fromStage() != null);
    }

    @Test
    void entrypoint_runsTheJarsMain_andTheModelsAreInsideIt() throws Exception {
        List<String> entrypoint = runtime.execForm("ENTRYPOINT");
        assertThat(entrypoint).as("ENTRYPOINT").startsWith("java").contains("-jar");
        String jarInImage = entrypoint.get(entrypoint.indexOf("-jar") + 1);
        assertThat(runtime.copies()).anyMatch(c -> c.destination().equals(jarInImage));
        try (JarFile jar = new JarFile(jarUnderTest().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Main.class.getName());
            assertThat(jar.stream().filter(e -> e.getName().endsWith(".onnx")).count())
                    .as("ONNX models inside the jar: nothing is downloaded at run time").isGreaterThanOrEqualTo(2);
        }
        List<String> cmd = runtime.execForm("CMD");
        Run help = run(entrypointWith("--help"));
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("serve", "train");
        Run commandHelp = run(entrypointWith(cmd.get(0), "--help"));
        assertThat(commandHelp.exit()).as(commandHelp.output()).isZero();
    }

    @Test
    void cmd_servesOnTheExposedPort_withTheDataVolume_andASensibleHeap() {
        List<String> cmd = runtime.execForm("CMD");
        assertThat(runtime.last("EXPOSE")).isEqualTo(option(cmd, "--port"));
        assertThat(runtime.last("VOLUME")).contains("\"" + option(cmd, "--data") + "\"");
        assertThat(option(cmd, "--host")).as("reachable from outside the container").isEqualTo("0.0.0.0");
        assertThat(runtime.env().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void image_startsWithoutAHomeDirectory_andPassesItsHealthCheck(@TempDir Path tmp) throws Exception {
        List<String> cmd = new ArrayList<>(runtime.execForm("CMD"));
        int port = freePort();
        cmd.set(cmd.indexOf("--port") + 1, Integer.toString(port));
        cmd.set(cmd.indexOf("--data") + 1, tmp.resolve("data").toString());
        // A home directory under a regular file cannot be created, even by root: like the image's user, which has none.
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "");
        List<String> command = new ArrayList<>(entrypointWith(cmd.toArray(String[]::new)));
        command.add(1, "-Duser.home=" + file.resolve("home"));
        command.add(1, "-Xmx512m");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile());
        Map<String, String> env = builder.environment();
        runtime.env().forEach((name, value) -> env.put(name, value.replace("/tmp/", tmp + "/")));
        env.put("STRATUM_ADMIN_KEY", "sk_dockerfile_test_key_0123456789");
        env.put("HOME", file.resolve("home").toString());
        Process server = builder.start();
        try {
            awaitReady(server, port, tmp.resolve("serve.log"));
            Run healthy = run(healthCheckOn(port));
            assertThat(healthy.exit()).as("HEALTHCHECK against the running server: %s", healthy.output()).isZero();
            assertThat(Files.readString(tmp.resolve("serve.log"))).as("JSON log lines on stdout, from ENV")
                    .contains("\"formattedMessage\"");
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
        }
        assertThat(server.exitValue()).isZero();
        Run unhealthy = run(healthCheckOn(port));
        assertThat(unhealthy.exit()).as("HEALTHCHECK once the server is gone").isNotZero();
    }

    /** The HEALTHCHECK's command, aimed at {@code port} instead of the image's port. */
    private static List<String> healthCheckOn(int port) {
        String healthCheck = runtime.last("HEALTHCHECK");
        assertThat(healthCheck).as("HEALTHCHECK").isNotNull().contains("CMD [");
        List<String> command = new ArrayList<>(jsonAfter(healthCheck, "CMD "));
        assertThat(command).as("HEALTHCHECK CMD").hasSize(3).startsWith("bash", "-c");
        String imagePort = "127.0.0.1/" + option(runtime.execForm("CMD"), "--port");
        assertThat(command.get(2)).contains(imagePort);
        command.set(2, command.get(2).replace(imagePort, "127.0.0.1/" + port));
        return command;
    }

    private static List<String> jsonAfter(String text, String marker) {
        return new Stage("", null, List.of(new Dockerfile.Instruction("X", text.substring(text.indexOf(marker)
                + marker.length())))).execForm("X");
    }

    private static List<String> entrypointWith(String... args) {
        List<String> entrypoint = new ArrayList<>(runtime.execForm("ENTRYPOINT"));
        entrypoint.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        entrypoint.set(entrypoint.indexOf("-jar") + 1, jarUnderTest().toString());
        entrypoint.addAll(List.of(args));
        return entrypoint;
    }

    private static Path jarUnderTest() {
        Path jar = Path.of(System.getProperty("stratum.jar", "target/stratum.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("the runnable jar " + jar + " is missing; run this test with: ./mvnw -pl stratum-cli -am verify");
        }
        return jar;
    }

    private static List<String> rootPomModules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1).strip());
        }
        assertThat(modules).isNotEmpty();
        return modules;
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        assertThat(at).as("%s in %s", name, args).isNotNegative();
        return args.get(at + 1);
    }

    /** A finished process: its exit status and its output. */
    private record Run(int exit, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not finish within 120 s: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void awaitReady(Process server, int port, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("the server exited with status " + server.exitValue() + "; its output:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Keep polling until the deadline.
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        fail("the server was not ready within " + START_DEADLINE.toSeconds() + " s; its output:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
