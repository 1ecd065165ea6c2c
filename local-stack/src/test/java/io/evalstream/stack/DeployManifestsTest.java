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
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests ({@code deploy/k8s}) rendered by kustomize and read with fabric8's strict model, and the
 * invariants every pod keeps: probes, resources, security, ports, images and environment. Needs no cluster.
 */
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
            assertThat(all(overlay)).extracting(HasMetadata::getKind).doesNotContain("Secret");
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
}
