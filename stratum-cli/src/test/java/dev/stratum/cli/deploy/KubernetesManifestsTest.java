package dev.stratum.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.cli.Main;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/k8s parses into Kubernetes' model classes, and its parts fit each other and Stratum: the Service and the
 * disruption budget select the replicas, probes hit public routes the server has, every environment variable is one
 * Stratum reads, every Secret key referenced exists, command lines parse, and shutdown fits in the grace period.
 */
class KubernetesManifestsTest {
    private static final Pattern K8S_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static KubernetesManifests manifests;
    private static Deployment deployment;
    private static CronJob training;

    @BeforeAll
    static void parseEveryManifest() {
        manifests = KubernetesManifests.load(Repository.root().resolve("deploy/k8s"));
        deployment = manifests.one(Deployment.class);
        training = manifests.one(CronJob.class);
    }

    @Test
    void everyKindThatTheDeploymentNeeds_isThere() {
        for (Class<?> kind : List.of(Deployment.class, Service.class, HorizontalPodAutoscaler.class,
                PodDisruptionBudget.class, CronJob.class, Secret.class, ConfigMap.class, NetworkPolicy.class)) {
            assertThat(manifests.resources()).as("a %s in deploy/k8s", kind.getSimpleName()).hasAtLeastOneElementOfType(kind);
        }
    }

    @Test
    void serviceAndDisruptionBudget_selectTheReplicas_andNotTheTrainingJobs() {
        Map<String, String> replicas = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> jobs = training.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(replicas).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        Service service = manifests.one(Service.class);
        assertThat(selects(service.getSpec().getSelector(), replicas)).as("the Service selects the replicas").isTrue();
        assertThat(selects(service.getSpec().getSelector(), jobs)).as("the Service leaves the training jobs alone")
                .isFalse();

        Map<String, String> budget = manifests.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels();
        assertThat(selects(budget, replicas)).as("the disruption budget selects the replicas").isTrue();
        assertThat(selects(budget, jobs)).as("the disruption budget leaves the training jobs alone").isFalse();

        Container api = apiContainer();
        String targetPort = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        assertThat(api.getPorts()).as("the container port the Service targets by name")
                .anyMatch(p -> p.getName().equals(targetPort));
    }

    @Test
    void autoscaler_scalesTheDeployment_neverBelowWhatTheBudgetKeeps() {
        HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo(deployment.getApiVersion());
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        int minAvailable = manifests.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal();
        assertThat(hpa.getSpec().getMinReplicas()).as("replicas left during a drain").isGreaterThan(minAvailable);
        assertThat(apiContainer().getResources().getRequests()).as("the CPU request that utilisation is relative to")
                .containsKey("cpu");
    }

    @Test
    void probes_hitPublicRoutesOfTheServer_onTheServedPort() throws IOException {
        JsonNode paths = openApi().path("paths");
        Container api = apiContainer();
        Map<String, HTTPGetAction> probes = Map.of(
                "readiness", api.getReadinessProbe().getHttpGet(),
                "liveness", api.getLivenessProbe().getHttpGet(),
                "startup", api.getStartupProbe().getHttpGet());
        probes.forEach((probe, get) -> {
            JsonNode route = paths.path(get.getPath()).path("get");
            assertThat(route.isMissingNode()).as("%s probe path %s is a GET route of the server", probe, get.getPath())
                    .isFalse();
            assertThat(route.path("security").isArray() && route.path("security").isEmpty())
                    .as("%s probe path %s needs no API key (the kubelet sends none)", probe, get.getPath()).isTrue();
            assertThat(api.getPorts()).anyMatch(p -> p.getName().equals(get.getPort().getStrVal()));
        });
        assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v1/ready");
        assertThat(api.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v1/health");
        String port = option(api.getArgs(), "--port");
        assertThat(api.getPorts()).as("the port serve listens on").anyMatch(p -> p.getContainerPort().toString().equals(port));
    }

    @Test
    void everyEnvironmentVariable_isOneStratumReads() {
        Set<String> read = Repository.environmentVariablesReadByCode();
        assertThat(read).as("names found in the code (the scan works)").contains("STRATUM_DB_URL", "STRATUM_ADMIN_KEY");
        for (Container container : containers()) {
            for (String name : environmentNames(container)) {
                assertThat(read.contains(name))
                        .as("container '%s' sets %s, which no Stratum code reads; names read: %s", container.getName(),
                                name, read)
                        .isTrue();
            }
        }
    }

    @Test
    void everySecretAndConfigMapReference_exists() {
        for (Container container : containers()) {
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    var ref = env.getValueFrom().getSecretKeyRef();
                    assertThat(secretKeys(manifests.named(Secret.class, ref.getName())))
                            .as("keys of Secret %s, read by %s of '%s'", ref.getName(), env.getName(), container.getName())
                            .contains(ref.getKey());
                }
            }
            for (EnvFromSource from : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    manifests.named(ConfigMap.class, from.getConfigMapRef().getName());
                }
                if (from.getSecretRef() != null) {
                    manifests.named(Secret.class, from.getSecretRef().getName());
                }
            }
        }
    }

    @Test
    void secretValues_arePlaceholders() {
        for (Secret secret : manifests.all(Secret.class)) {
            assertThat(secret.getData()).as("base64 data hides what is committed; use stringData").isNullOrEmpty();
            secret.getStringData().forEach((key, value) -> assertThat(
                    value.isEmpty() || value.contains("change-me") || value.contains("example") || key.endsWith("_USER"))
                    .as("Secret %s key %s holds a placeholder, not a real secret: '%s'", secret.getMetadata().getName(),
                            key, value)
                    .isTrue());
        }
    }

    @Test
    void commandLines_parseAsStratumCommands_andOnlyUseVariablesTheContainerDefines() {
        assertThat(parse(apiContainer())).isEqualTo("serve");
        Container train = trainingPod().getContainers().get(0);
        assertThat(parse(train)).isEqualTo("train");
        assertThat(option(train.getArgs(), "--task")).isNotBlank();
        assertThat(option(train.getArgs(), "--db")).isEqualTo("$(STRATUM_DB_URL)");
        assertThat(environmentNames(apiContainer())).as("replicas leave training to the CronJob")
                .contains("STRATUM_NO_TRAIN", "STRATUM_DB_URL");
        assertThat(train.getImage()).as("one image for replicas and training").isEqualTo(apiContainer().getImage());
    }

    @Test
    void shutdown_fitsInTheGracePeriod() {
        Map<String, String> env = plainValues(apiContainer());
        long delay = Long.parseLong(env.get("STRATUM_SHUTDOWN_DELAY"));
        long timeout = Long.parseLong(env.get("STRATUM_SHUTDOWN_TIMEOUT"));
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        // Closing the store and index after the requests takes a few seconds on a replica that does not train.
        assertThat(grace).as("terminationGracePeriodSeconds against drain delay %d s + timeout %d s", delay, timeout)
                .isGreaterThanOrEqualTo(delay + timeout + 10);
    }

    @Test
    void pods_runAsTheImagesUser_onAReadOnlyRootWithWritableTmpAndData() throws IOException {
        long imageUser = Long.parseLong(Dockerfile.read(Repository.root().resolve("deploy/Dockerfile"))
                .lastStage().user().split(":")[0]);
        for (PodSpec pod : List.of(deployment.getSpec().getTemplate().getSpec(), trainingPod())) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("the uid of the image's USER").isEqualTo(imageUser);
            assertThat(pod.getAutomountServiceAccountToken()).as("Stratum never calls the Kubernetes API").isFalse();
            for (Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
                Map<String, String> mounts = new HashMap<>();
                for (VolumeMount mount : container.getVolumeMounts()) {
                    mounts.put(mount.getMountPath(), mount.getName());
                    assertThat(pod.getVolumes()).as("volume of mount %s", mount.getMountPath())
                            .anyMatch(v -> v.getName().equals(mount.getName()));
                }
                assertThat(mounts).as("writable /tmp (native libraries) and the data directory").containsKeys("/tmp",
                        option(container.getArgs(), "--data"));
            }
            assertThat(pod.getVolumes()).allMatch(v -> v.getEmptyDir() != null, "emptyDir volumes");
        }
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .contains("tmp", "data");
    }

    @Test
    void networkPolicy_coversEveryPod_andAllowsOnlyTheApiPortInAndDnsDatabaseAndProviderOut() {
        NetworkPolicy policy = manifests.one(NetworkPolicy.class);
        Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
        assertThat(selects(selector, deployment.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        assertThat(selects(selector, training.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata()
                .getLabels())).isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");

        List<Integer> ingressPorts = ports(policy.getSpec().getIngress().stream().flatMap(r -> r.getPorts().stream()).toList());
        assertThat(ingressPorts).containsExactly(Integer.parseInt(option(apiContainer().getArgs(), "--port")));

        List<Integer> egressPorts = ports(policy.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream()).toList());
        String dbUrl = manifests.named(Secret.class, "stratum-secrets").getStringData().get("STRATUM_DB_URL");
        int databasePort = URI.create(dbUrl.substring("jdbc:".length())).getPort();
        assertThat(egressPorts).as("DNS, the database of STRATUM_DB_URL, and HTTPS to the provider")
                .containsExactlyInAnyOrder(53, 53, databasePort, 443);
        assertThat(policy.getSpec().getEgress()).as("every egress rule names its destination")
                .allMatch(rule -> rule.getTo() != null && !rule.getTo().isEmpty());
    }

    private static String parse(Container container) {
        List<String> args = new ArrayList<>();
        Set<String> defined = Set.copyOf(environmentNames(container));
        for (String arg : container.getArgs()) {
            Matcher variable = K8S_VARIABLE.matcher(arg);
            while (variable.find()) {
                assertThat(defined).as("$(%s) in the args of '%s' is expanded only from the container's env",
                        variable.group(1), container.getName()).contains(variable.group(1));
            }
            args.add(variable.replaceAll("jdbc:postgresql://db.example:5432/stratum"));
        }
        // Configured as Main.run configures it.
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new))).as("stratum %s", args).doesNotThrowAnyException();
        return cli.parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().name();
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        assertThat(at).as("%s in %s", name, args).isNotNegative();
        return args.get(at + 1);
    }

    private static List<String> environmentNames(Container container) {
        List<String> names = new ArrayList<>();
        container.getEnv().forEach(e -> names.add(e.getName()));
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                manifests.named(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet()
                        .forEach(k -> names.add(prefix + k));
            }
            if (from.getSecretRef() != null) {
                secretKeys(manifests.named(Secret.class, from.getSecretRef().getName())).forEach(k -> names.add(prefix + k));
            }
        }
        return names;
    }

    private static Map<String, String> plainValues(Container container) {
        Map<String, String> values = new HashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> values.put(e.getName(), e.getValue()));
        return values;
    }

    private static Set<String> secretKeys(Secret secret) {
        Map<String, String> all = new HashMap<>();
        if (secret.getData() != null) {
            all.putAll(secret.getData());
        }
        if (secret.getStringData() != null) {
            all.putAll(secret.getStringData());
        }
        return all.keySet();
    }

    private static List<Integer> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getPort().getIntVal()).toList();
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static Container apiContainer() {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static PodSpec trainingPod() {
        PodTemplateSpec template = training.getSpec().getJobTemplate().getSpec().getTemplate();
        return template.getSpec();
    }

    private static List<Container> containers() {
        List<Container> all = new ArrayList<>(deployment.getSpec().getTemplate().getSpec().getContainers());
        all.addAll(trainingPod().getContainers());
        return all;
    }

    private static JsonNode openApi() throws IOException {
        try (InputStream in = dev.stratum.server.StratumServer.class.getResourceAsStream("openapi.json")) {
            assertThat(in).as("the server's OpenAPI document on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
