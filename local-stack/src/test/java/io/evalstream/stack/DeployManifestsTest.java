package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests ({@code deploy/k8s}) rendered by kustomize and read with fabric8's strict model, the
 * invariants every pod must keep, and the compose file validated by docker-compose. Needs no stack and no cluster.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeployManifestsTest {

    private static final Path HOME = StackOptions.defaultHome();
    private static final Path K8S = HOME.resolve("deploy/k8s");
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);
    /** The four services: their Deployment, Service, module directory and HTTP port. */
    private static final Map<String, Integer> SERVICES = Map.of(
            "prompt-producer", 8081, "model-worker", 8082, "grader-service", 8083, "aggregator", 8084);

    private static final Map<String, CommandLine.Result> RENDERED = new HashMap<>();
    private static final Map<String, List<HasMetadata>> OBJECTS = new HashMap<>();
    private static final Map<String, List<String>> UNREADABLE = new HashMap<>();

    @BeforeAll
    static void renderBothOverlays() throws Exception {
        Path kubectl = CommandLine.require("kubectl", "kubectl");
        for (String overlay : List.of("dev", "prod")) {
            CommandLine.Result result = CommandLine.run(HOME, TOOL_TIMEOUT, kubectl.toString(), "kustomize",
                    K8S.resolve("overlays").resolve(overlay).toString());
            RENDERED.put(overlay, result);
            List<HasMetadata> objects = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            if (result.exitCode() == 0) {
                for (JsonNode document : Manifests.documents(result.output())) {
                    try {
                        objects.add(Manifests.parse(document));
                    } catch (IOException e) {
                        unreadable.add(e.getMessage());
                    }
                }
            }
            OBJECTS.put(overlay, objects);
            UNREADABLE.put(overlay, unreadable);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachOverlayRendersAndEveryObjectParsesStrictly(String overlay) {
        CommandLine.Result result = RENDERED.get(overlay);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(UNREADABLE.get(overlay)).as("objects Kubernetes would not read as written").isEmpty();
        assertThat(OBJECTS.get(overlay)).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "ScaledObject",
                        "ServiceMonitor", "PrometheusRule", "ConfigMap")
                .contains(overlay.equals("dev") ? "StatefulSet" : "KafkaTopic");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            spec: {replicas: 1, replica: 2, selector: {matchLabels: {a: b}}, template: {spec: {containers: []}}}
            spec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: i, imagePullPolicyy: Always}]}}}
            spec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: i}], readOnlyRootFilesystem: true}}}
            """)
    void aDeploymentWithAFieldKubernetesDoesNotKnowIsRejected(String spec) throws IOException {
        JsonNode document = Manifests.yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: x}, " + spec + "}");

        assertThatThrownBy(() -> Manifests.parse(document)).isInstanceOf(IOException.class)
                .hasMessageContaining("Unrecognized field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesAndResourcesAndRunsNonRootOnAReadOnlyRootFilesystem(String overlay) {
        List<PodSpec> pods = Stream.concat(
                objects(overlay, Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
                objects(overlay, StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getSpec())).toList();

        assertThat(pods).hasSize(overlay.equals("dev") ? 5 : 4);
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            for (Container container : pod.getContainers()) {
                String name = container.getName();
                assertThat(container.getLivenessProbe()).as(name + " liveness").isNotNull();
                assertThat(container.getReadinessProbe()).as(name + " readiness").isNotNull();
                assertThat(container.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name + " read-only root").isTrue();
                assertThat(security.getRunAsNonRoot()).as(name + " non-root").isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name + " escalation").isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name + " capabilities").containsExactly("ALL");
                assertThat(emptyDirMounts(pod, container)).as(name + " writable /tmp").contains("/tmp");
            }
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            prompt-producer, 8081
            model-worker,    8082
            grader-service,  8083
            aggregator,      8084
            """)
    void imagePortsServiceAndProbesOfEachServiceAgree(String name, int port) throws IOException {
        assertThat(serviceProperties(name).getProperty("quarkus.http.port")).isEqualTo(String.valueOf(port));
        assertThat(Files.readString(HOME.resolve(name).resolve("Dockerfile"))).contains("EXPOSE " + port);
        for (String overlay : List.of("dev", "prod")) {
            Container container = container(overlay, name);
            assertThat(container.getImage()).startsWith("evalstream/" + name + ":");
            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);
            assertThat(resolve(container, container.getLivenessProbe().getHttpGet().getPort())).isEqualTo(port);
            assertThat(resolve(container, container.getReadinessProbe().getHttpGet().getPort())).isEqualTo(port);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            Service service = named(overlay, Service.class, name);
            assertThat(service.getSpec().getSelector())
                    .isEqualTo(deployment(overlay, name).getSpec().getSelector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(port);
                assertThat(resolve(container, p.getTargetPort())).isEqualTo(port);
            });
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            prompt-producer, false
            model-worker,    false
            grader-service,  true
            aggregator,      false
            """)
    void eachImageRunsTheQuarkusAppOnAPinnedJreAsUid10001(String name, boolean sandbox) throws IOException {
        String dockerfile = Files.readString(HOME.resolve(name).resolve("Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:25\\.\\d+\\.\\d+_\\d+-jre\\S*$")
                .contains("COPY --chown=10001:0 target/quarkus-app/", "USER 10001", "\"-jar\", \"quarkus-run.jar\"");
        assertThat(dockerfile.contains("bubblewrap python3")).as("sandbox tools in the image").isEqualTo(sandbox);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt-producer", "model-worker", "grader-service", "aggregator"})
    void everyEnvironmentVariableIsOneTheServiceReadsAndNoSecretIsInline(String name) throws IOException {
        Set<String> read = serviceProperties(name).stringPropertyNames().stream()
                .map(key -> key.toUpperCase().replaceAll("[^A-Z0-9]", "_")).collect(Collectors.toSet());
        // The worker's README documents ${OPENAI_API_KEY} as the way a hosted model's key reaches its config.
        if (Files.readString(HOME.resolve(name).resolve("README.md")).contains("${OPENAI_API_KEY}")) {
            read.add("OPENAI_API_KEY");
        }
        // The run and admin endpoints' token settings, read by the shared BearerAuth (see the service's README).
        if (Files.readString(HOME.resolve(name).resolve("README.md")).contains("evalstream.auth.token-file")) {
            read.addAll(List.of("EVALSTREAM_AUTH_TOKEN", "EVALSTREAM_AUTH_TOKEN_FILE", "EVALSTREAM_AUTH_ENABLED"));
        }
        for (String overlay : List.of("dev", "prod")) {
            List<EnvVar> env = container(overlay, name).getEnv();
            assertThat(env).extracting(EnvVar::getName).contains("KAFKA_BOOTSTRAP_SERVERS").allMatch(read::contains);
            // A secret comes from a Secret, as a variable or (a *_FILE variable) as a file mounted from one.
            assertThat(env).filteredOn(v -> v.getName().matches(".*(KEY|TOKEN|PASSWORD|SECRET).*"))
                    .filteredOn(v -> !v.getName().endsWith("_FILE"))
                    .allSatisfy(v -> assertThat(v.getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo("evalstream-model-keys"));
            assertThat(env).filteredOn(v -> v.getName().endsWith("_FILE")).allSatisfy(v -> assertThat(
                    secretMounts(deployment(overlay, name), container(overlay, name))).anySatisfy(v.getValue()::startsWith));
            assertThat(OBJECTS.get(overlay)).extracting(HasMetadata::getKind).doesNotContain("Secret");
        }
    }

    @Test
    void theAggregatorKeepsItsStateOnAWritableVolume() {
        Deployment aggregator = deployment("prod", "aggregator");
        Container container = container("prod", "aggregator");
        String stateDir = container.getEnv().stream().filter(v -> v.getName().equals("KAFKA_STREAMS_STATE_DIR"))
                .findFirst().orElseThrow().getValue();

        assertThat(emptyDirMounts(aggregator.getSpec().getTemplate().getSpec(), container)).contains(stateDir);
    }

    @Test
    void prodDeclaresTheContractTopicsWithTheirPartitionsAndCompaction() throws IOException {
        List<GenericKubernetesResource> topics = custom("prod", "KafkaTopic");
        int partitions = Integer.parseInt(serviceProperties("prompt-producer").getProperty("evalstream.topics.partitions"));

        assertThat(topics).extracting(t -> Manifests.at(t, "spec", "topicName").asText())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.Definition::name).toList());
        for (Topics.Definition definition : Topics.ALL) {
            GenericKubernetesResource topic = topics.stream()
                    .filter(t -> Manifests.at(t, "spec", "topicName").asText().equals(definition.name())).findFirst()
                    .orElseThrow();
            assertThat(Manifests.at(topic, "spec", "partitions").asInt()).isEqualTo(partitions);
            assertThat(Manifests.at(topic, "spec", "config", "cleanup.policy").asText()).as(definition.name())
                    .isEqualTo(definition.compacted() ? "compact" : "delete");
            // As the services create topics themselves: room for the dead-letter copy of any record they reject.
            assertThat(Manifests.at(topic, "spec", "config", "max.message.bytes").asInt()).as(definition.name())
                    .isEqualTo(TopicAdmin.MAX_MESSAGE_BYTES);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "evalstream");
        }
        GenericKubernetesResource kafka = custom("prod", "Kafka").getFirst();
        assertThat(kafka.getMetadata().getName()).isEqualTo("evalstream");
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(Manifests.at(custom("prod", "KafkaNodePool").getFirst(), "spec", "roles"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("controller", "broker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kedaScalesTheWorkerOnItsGroupsLagOnTheTasksTopic(String overlay) throws IOException {
        Properties worker = serviceProperties("model-worker");
        GenericKubernetesResource scaled = custom(overlay, "ScaledObject").getFirst();
        JsonNode trigger = Manifests.at(scaled, "spec", "triggers").get(0);

        assertThat(Manifests.at(scaled, "spec", "scaleTargetRef", "name").asText())
                .isEqualTo(deployment(overlay, "model-worker").getMetadata().getName());
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.path("metadata").path("consumerGroup").asText())
                .isEqualTo("evalstream-worker").isEqualTo(worker.getProperty("mp.messaging.incoming.tasks.group.id"));
        assertThat(trigger.path("metadata").path("topic").asText())
                .isEqualTo(Topics.TASKS).isEqualTo(worker.getProperty("mp.messaging.incoming.tasks.topic"));
        assertThat(container(overlay, "model-worker").getEnv()).extracting(EnvVar::getName)
                .contains(trigger.path("metadata").path("bootstrapServersFromEnv").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theNetworkPolicyLetsTheGraderReachOnlyKafkaAndDnsAndOnlyPrometheusIn(String overlay) {
        NetworkPolicy policy = OBJECTS.get(overlay).stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).collect(onlyOne());

        assertThat(deployment(overlay, "grader-service").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(NetworkPolicyPort::getPort).extracting(IntOrString::getIntVal)
                .containsExactlyInAnyOrder(9092, 53, 53);
        assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsExactly(8083);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceMonitorScrapesEveryServiceAndTheRuleCarriesTheAlerts(String overlay) throws IOException {
        GenericKubernetesResource monitor = custom(overlay, "ServiceMonitor").getFirst();
        JsonNode rules = Manifests.yaml(Files.readString(HOME.resolve("deploy/prometheus/alerts.yml")));

        assertThat(Manifests.at(monitor, "spec", "selector", "matchExpressions").get(0).path("values"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        JsonNode endpoint = Manifests.at(monitor, "spec", "endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        for (String name : SERVICES.keySet()) {
            assertThat(named(overlay, Service.class, name).getSpec().getPorts())
                    .anyMatch(p -> p.getName().equals(endpoint.path("port").asText()));
        }
        assertThat(Manifests.at(custom(overlay, "PrometheusRule").getFirst(), "spec", "groups"))
                .as("the PrometheusRule is stale: run deploy/k8s/sync").isEqualTo(rules.path("groups"));
    }

    @Test
    void theDashboardsConfigMapHoldsEachDashboardFileByteForByte() throws IOException {
        ConfigMap dashboards = OBJECTS.get("prod").stream().filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard"))).collect(onlyOne());
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(HOME.resolve("deploy/grafana/dashboards"))) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }

        assertThat(dashboards.getData()).as("dashboards in the ConfigMap (run deploy/k8s/sync)")
                .containsOnlyKeys(files.keySet());
        files.forEach((name, bytes) -> assertThat(dashboards.getData().get(name).getBytes(StandardCharsets.UTF_8))
                .as(name + " differs from deploy/grafana/dashboards: run deploy/k8s/sync").isEqualTo(bytes));
    }

    @Test
    void theComposeFileIsValidAndLetsTheWorkerScale() throws Exception {
        Path compose = CommandLine.require("docker-compose", "docker-compose");
        CommandLine.Result result = CommandLine.run(HOME, TOOL_TIMEOUT, compose.toString(), "-f", "docker-compose.yml",
                "config", "-q");
        JsonNode services = Manifests.yaml(Files.readString(HOME.resolve("docker-compose.yml"))).path("services");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(services.path("model-worker").has("container_name")).isFalse();
        assertThat(services.path("model-worker").has("ports")).isFalse();
        SERVICES.forEach((name, port) ->
                assertThat(services.path(name).path("build").path("context").asText()).isEqualTo(name));
        assertThat(services.path("kafka").path("image").asText()).matches("apache/kafka:\\d+\\.\\d+\\.\\d+");
    }

    private static Properties serviceProperties(String module) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(
                Files.readString(HOME.resolve(module).resolve("src/main/resources/application.properties"))));
        return properties;
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }

    private static <T extends HasMetadata> List<T> objects(String overlay, Class<T> type) {
        return OBJECTS.get(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(String overlay, Class<T> type, String name) {
        return objects(overlay, type).stream().filter(o -> o.getMetadata().getName().equals(name)).collect(onlyOne());
    }

    private static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return objects(overlay, GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    private static Deployment deployment(String overlay, String name) {
        return named(overlay, Deployment.class, name);
    }

    private static Container container(String overlay, String name) {
        return deployment(overlay, name).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).collect(onlyOne());
    }

    /** The container port a probe or Service names, by number or by the container port's name. */
    private static int resolve(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).collect(onlyOne());
    }

    private static Set<String> emptyDirMounts(PodSpec pod, Container container) {
        Set<String> emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName)
                .collect(Collectors.toSet());
        return container.getVolumeMounts().stream().filter(m -> emptyDirs.contains(m.getName()))
                .map(m -> m.getMountPath()).collect(Collectors.toSet());
    }

    private static Set<String> secretMounts(Deployment deployment, Container container) {
        Set<String> secrets = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).map(Volume::getName).collect(Collectors.toSet());
        return container.getVolumeMounts().stream().filter(m -> secrets.contains(m.getName()))
                .map(m -> m.getMountPath()).collect(Collectors.toSet());
    }
}
