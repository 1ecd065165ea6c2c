package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.all;
import static io.evalstream.stack.RenderedOverlays.container;
import static io.evalstream.stack.RenderedOverlays.deployment;
import static io.evalstream.stack.RenderedOverlays.emptyDirMounts;
import static io.evalstream.stack.RenderedOverlays.named;
import static io.evalstream.stack.RenderedOverlays.objects;
import static io.evalstream.stack.RenderedOverlays.resolve;
import static io.evalstream.stack.RenderedOverlays.result;
import static io.evalstream.stack.RenderedOverlays.secretMounts;
import static io.evalstream.stack.RenderedOverlays.serviceProperties;
import static io.evalstream.stack.RenderedOverlays.unreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests ({@code deploy/k8s}) rendered by kustomize and read with fabric8's strict model, and the
 * invariants every pod keeps: probes, resources, security, ports, images and environment. Needs no cluster.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeployManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachOverlayRendersAndEveryObjectParsesStrictly(String overlay) {
        CommandLine.Result result = result(overlay);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(unreadable(overlay)).as("objects Kubernetes would not read as written").isEmpty();
        assertThat(all(overlay)).extracting(HasMetadata::getKind)
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
    @ValueSource(strings = {"dev", "prod"})
    void everyPodIsUnderASeccompFilterAndTheGraderUnderItsOwnForTheSandbox(String overlay) {
        Map<String, SeccompProfile> profiles = new TreeMap<>();
        objects(overlay, Deployment.class).forEach(d -> profiles.put(d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile()));
        objects(overlay, StatefulSet.class).forEach(s -> profiles.put(s.getMetadata().getName(),
                s.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile()));

        // bubblewrap needs user namespaces, which RuntimeDefault forbids; the profile is deploy/seccomp/grader.json,
        // installed on the nodes (README), never Unconfined.
        assertThat(profiles.remove("grader-service")).isEqualTo(new SeccompProfileBuilder()
                .withType("Localhost").withLocalhostProfile("evalstream/grader.json").build());
        assertThat(profiles).hasSize(overlay.equals("dev") ? 4 : 3)
                .allSatisfy((name, profile) -> assertThat(profile.getType()).as(name).isEqualTo("RuntimeDefault"));
        // No container loosens its pod's filter.
        assertThat(objects(overlay, Deployment.class)).flatExtracting(d -> d.getSpec().getTemplate().getSpec()
                .getContainers()).allSatisfy(c -> assertThat(c.getSecurityContext().getSeccompProfile()).isNull());
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
    void everyEnvironmentVariableIsOneTheServiceReadsAndSecretsAreMountedFiles(String name) throws IOException {
        Set<String> read = serviceProperties(name).stringPropertyNames().stream()
                .map(key -> key.toUpperCase().replaceAll("[^A-Z0-9]", "_")).collect(Collectors.toSet());
        // Every KAFKA_* variable naming a Kafka client setting reaches all the service's clients (KafkaClients).
        Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames())
                .flatMap(Set::stream).map(key -> "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'))
                .forEach(read::add);
        // The run and admin endpoints' token settings, read by the shared BearerAuth (see the service's README).
        if (Files.readString(HOME.resolve(name).resolve("README.md")).contains("evalstream.auth.token-file")) {
            read.addAll(List.of("EVALSTREAM_AUTH_TOKEN", "EVALSTREAM_AUTH_TOKEN_FILE", "EVALSTREAM_AUTH_ENABLED"));
        }
        for (String overlay : List.of("dev", "prod")) {
            Container container = container(overlay, name);
            // A variable only there to be expanded into another one's value, as $(POD_IP), is read by Kubernetes.
            Set<String> expanded = container.getEnv().stream().filter(v -> v.getValue() != null)
                    .flatMap(v -> Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(v.getValue()).results())
                    .map(match -> match.group(1)).collect(Collectors.toSet());
            assertThat(container.getEnv()).extracting(EnvVar::getName).contains("KAFKA_BOOTSTRAP_SERVERS")
                    .allMatch(variable -> read.contains(variable) || expanded.contains(variable));
            assertThat(container.getEnv()).filteredOn(v -> v.getName().endsWith("_FILE")).allSatisfy(v -> assertThat(
                    secretMounts(deployment(overlay, name), container)).anySatisfy(v.getValue()::startsWith));
            assertThat(all(overlay)).extracting(HasMetadata::getKind).doesNotContain("Secret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noDeploymentHasAKeyOrOtherSecretInItsEnvironment(String overlay) {
        List<Container> containers = objects(overlay, Deployment.class).stream()
                .flatMap(d -> Stream.concat(d.getSpec().getTemplate().getSpec().getContainers().stream(),
                        d.getSpec().getTemplate().getSpec().getInitContainers().stream())).toList();

        assertThat(containers).hasSizeGreaterThanOrEqualTo(RenderedOverlays.SERVICES.size());
        assertThat(containers).flatExtracting(c -> c.getEnv().stream()
                        .filter(v -> secretInEnvironment(v) && !ownKafkaCredentials(c, v)).toList())
                .as("secrets as variables (mount them as files instead)").isEmpty();
        assertThat(containers).flatExtracting(Container::getEnvFrom).filteredOn(e -> e.getSecretRef() != null)
                .as("Secrets as envFrom").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            OPENAI_API_KEY,                                     , true
            ANTHROPIC_API_KEY,                                  , true
            EVALSTREAM_WORKER_MODELS__GPT__OPENAI_API_KEY,      , true
            EVALSTREAM_AUTH_TOKEN,                              , true
            DB_PASSWORD,                                        , true
            HF_TOKEN,                                           , true
            KAFKA_BOOTSTRAP_SERVERS,                            , false
            EVALSTREAM_AUTH_TOKEN_FILE,                         , false
            KAFKA_BOOTSTRAP_SERVERS,       evalstream-model-keys, true
            """)
    void aSecretInTheEnvironmentIsRecognisedByNameOrBySecretReference(String name, String secret, boolean expected) {
        EnvVarBuilder variable = new EnvVarBuilder().withName(name);
        if (secret != null) {
            variable.withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey("k").endSecretKeyRef()
                    .endValueFrom();
        }

        assertThat(secretInEnvironment(variable.build())).isEqualTo(expected);
    }

    /**
     * The one secret allowed in a variable: a service's SCRAM credentials, from the Secret Strimzi writes for its own
     * KafkaUser. The Kafka client reads them only as the sasl.jaas.config value, and the grader's sandbox gives
     * programs an empty environment.
     */
    private static boolean ownKafkaCredentials(Container container, EnvVar variable) {
        KafkaAccess identity = RenderedOverlays.KAFKA_IDENTITIES.get(container.getName());
        var reference = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
        return identity != null && reference != null && variable.getName().equals("KAFKA_SASL_JAAS_CONFIG")
                && reference.getName().equals(identity.user()) && reference.getKey().equals("sasl.jaas.config");
    }

    /** A variable named like a key, token, password or secret (but a *_FILE path to one), or set from a Secret. */
    private static boolean secretInEnvironment(EnvVar variable) {
        boolean fromSecret = variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null;
        return fromSecret || (variable.getName().matches(".*(KEY|TOKEN|PASSWORD|SECRET|CREDENTIAL).*")
                && !variable.getName().endsWith("_FILE"));
    }

    @Test
    void theWorkerReadsHostedModelKeysFromTheMountedSecretTheModelsFileNames() throws IOException {
        Deployment worker = deployment("prod", "model-worker");
        String example = Files.readString(HOME.resolve("deploy/k8s/base/model-worker-models.properties"));
        Matcher keyFile = Pattern.compile("openai\\.api-key-file=(\\S+)").matcher(example);

        assertThat(worker.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName()).contains("evalstream-model-keys");
        assertThat(keyFile.find()).as("an openai.api-key-file example in the models file").isTrue();
        assertThat(secretMounts(worker, container("prod", "model-worker")))
                .anySatisfy(mount -> assertThat(keyFile.group(1)).startsWith(mount + "/"));
    }

    @Test
    void theAggregatorKeepsItsStateOnAWritableVolume() {
        Deployment aggregator = deployment("prod", "aggregator");
        Container container = container("prod", "aggregator");
        String stateDir = container.getEnv().stream().filter(v -> v.getName().equals("KAFKA_STREAMS_STATE_DIR"))
                .findFirst().orElseThrow().getValue();

        assertThat(emptyDirMounts(aggregator.getSpec().getTemplate().getSpec(), container)).contains(stateDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aggregatorsRunAsSeveralInstancesThatFindAndReachEachOther(String overlay) {
        Deployment aggregator = deployment(overlay, "aggregator");
        Container container = container(overlay, "aggregator");
        List<String> names = container.getEnv().stream().map(EnvVar::getName).toList();

        assertThat(aggregator.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(RenderedOverlays.env(container, "POD_IP").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("status.podIP");
        assertThat(RenderedOverlays.env(container, "EVALSTREAM_AGGREGATOR_ADVERTISED_ADDRESS").getValue())
                .isEqualTo("$(POD_IP):8084");
        // Kubernetes expands $(POD_IP) only from a variable defined before the one using it.
        assertThat(names.indexOf("POD_IP")).isLessThan(names.indexOf("EVALSTREAM_AGGREGATOR_ADVERTISED_ADDRESS"));
        Service peers = named(overlay, Service.class, "aggregator-peers");
        assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(peers.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "aggregator");
        assertThat(named(overlay, io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, "aggregator")
                .getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        NetworkPolicy policy = named(overlay, NetworkPolicy.class, "aggregator");
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "aggregator"));
            assertThat(rule.getPorts()).anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8084));
        });
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo()).anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "aggregator"));
            assertThat(rule.getPorts()).anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8084));
        });
    }
}
