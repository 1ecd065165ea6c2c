package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static io.evalstream.stack.RenderedOverlays.all;
import static io.evalstream.stack.RenderedOverlays.container;
import static io.evalstream.stack.RenderedOverlays.custom;
import static io.evalstream.stack.RenderedOverlays.deployment;
import static io.evalstream.stack.RenderedOverlays.named;
import static io.evalstream.stack.RenderedOverlays.onlyOne;
import static io.evalstream.stack.RenderedOverlays.serviceProperties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered manifests' objects around the pods: the Strimzi topics, the KEDA scaler, the grader's NetworkPolicy,
 * the ServiceMonitor and PrometheusRule, the dashboards ConfigMap; each agreeing with what the code and
 * {@code deploy/} say.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterObjectsTest {

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
        NetworkPolicy policy = all(overlay).stream().filter(NetworkPolicy.class::isInstance)
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
        ConfigMap dashboards = all("prod").stream().filter(ConfigMap.class::isInstance)
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
}
