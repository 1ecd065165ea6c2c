package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static io.evalstream.stack.RenderedOverlays.all;
import static io.evalstream.stack.RenderedOverlays.bootstrapServers;
import static io.evalstream.stack.RenderedOverlays.container;
import static io.evalstream.stack.RenderedOverlays.custom;
import static io.evalstream.stack.RenderedOverlays.deployment;
import static io.evalstream.stack.RenderedOverlays.named;
import static io.evalstream.stack.RenderedOverlays.objects;
import static io.evalstream.stack.RenderedOverlays.onlyOne;
import static io.evalstream.stack.RenderedOverlays.port;
import static io.evalstream.stack.RenderedOverlays.serviceProperties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered manifests' objects around the pods: the Strimzi topics, the KEDA scaler, the services' NetworkPolicies,
 * the ServiceMonitor and PrometheusRule, the dashboards ConfigMap; each agreeing with what the code and
 * {@code deploy/} say.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterObjectsTest {

    /** The services with a REST API for clients beside /q/metrics. */
    private static final Set<String> REST_APIS = Set.of("prompt-producer", "aggregator");

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
    void eachServiceHasOneNetworkPolicyForBothDirectionsWhoseEgressNamesItsPeers(String overlay) {
        for (String name : SERVICES.keySet()) {
            Map<String, String> pod = deployment(overlay, name).getSpec().getTemplate().getMetadata().getLabels();

            assertThat(objects(overlay, NetworkPolicy.class))
                    .filteredOn(p -> NetworkPolicies.selects(p.getSpec().getPodSelector(), pod)).as(name)
                    .singleElement().satisfies(p -> assertThat(p.getSpec().getPolicyTypes())
                            .containsExactlyInAnyOrder("Ingress", "Egress"));
        }
        assertThat(objects(overlay, NetworkPolicy.class)).flatExtracting(NetworkPolicies::openEgress).isEmpty();
        // The documented exception: the worker's rule to hosted model endpoints, and only the worker's.
        assertThat(policy(overlay, "model-worker").getSpec().getEgress())
                .filteredOn(NetworkPolicies::isModelEndpointRule).hasSize(1);
        assertThat(objects(overlay, NetworkPolicy.class)).filteredOn(p -> !p.getMetadata().getName()
                        .equals(policy(overlay, "model-worker").getMetadata().getName()))
                .flatExtracting(p -> p.getSpec().getEgress()).noneMatch(NetworkPolicies::isModelEndpointRule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {ports: [{port: 9092}]}                                                                    | no `to:`
            {to: [], ports: [{port: 9092}]}                                                            | no `to:`
            {to: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 9092}]}                               | an ipBlock
            {to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}                                 | an ipBlock
            {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10]}}], ports: [{port: 443}]} | an ipBlock
            {to: [{ipBlock: {cidr: "::/0"}}], ports: [{port: 443}]}                                    | an ipBlock
            {to: [{ipBlock: {cidr: 10.1.2.0/24}}], ports: [{port: 443}]}                               | an ipBlock
            {to: [{ipBlock: {cidr: 162.159.140.0/24}}]}                                                | an ipBlock
            {to: [{ipBlock: {cidr: 162.159.140.0/24}}, {podSelector: {}}], ports: [{port: 443}]}       | an ipBlock
            {to: [{podSelector: {matchLabels: {app: kafka}}}], ports: [{port: 9092}]}                  |
            {to: [{ipBlock: {cidr: 162.159.140.0/24}}], ports: [{port: 443}]}                          |
            {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16]}}], ports: [{port: 443}]} |
            """)
    void anEgressRuleOpenBeyondNamedPeersIsCaught(String rule, String complaint) throws IOException {
        NetworkPolicy policy = (NetworkPolicy) Manifests.parse(Manifests.yaml(
                "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p}, spec: {podSelector: {},"
                        + " egress: [" + rule + "]}}"));

        if (complaint == null) {
            assertThat(NetworkPolicies.openEgress(policy)).isEmpty();
        } else {
            assertThat(NetworkPolicies.openEgress(policy)).singleElement().asString().contains(complaint);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceReachesTheOverlaysKafkaPodsAndClusterDnsAndTheGraderNothingElse(String overlay) {
        Map<String, String> kafkaPeer = overlay.equals("dev")
                ? named(overlay, StatefulSet.class, "kafka").getSpec().getTemplate().getMetadata().getLabels()
                // Strimzi's labels on the pods of the Kafka resource.
                : Map.of("strimzi.io/cluster", custom(overlay, "Kafka").getFirst().getMetadata().getName(),
                        "strimzi.io/kind", "Kafka");
        for (String name : SERVICES.keySet()) {
            List<NetworkPolicyEgressRule> egress = policy(overlay, name).getSpec().getEgress();
            // The listener the service's bootstrap names: dev's plaintext 9092, prod's TLS + SCRAM 9093.
            String kafka = "TCP/" + port(bootstrapServers(overlay, name));

            assertThat(egress).filteredOn(r -> NetworkPolicies.ports(r).equals(List.of(kafka))).as(name)
                    .singleElement().satisfies(r -> assertThat(r.getTo()).singleElement().satisfies(peer -> {
                        assertThat(peer.getNamespaceSelector()).as("Kafka in this namespace").isNull();
                        assertThat(NetworkPolicies.selects(peer.getPodSelector(), kafkaPeer)).isTrue();
                        assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty();
                    }));
            assertThat(egress).filteredOn(r -> NetworkPolicies.ports(r).equals(List.of("UDP/53", "TCP/53"))).as(name)
                    .singleElement().satisfies(r -> assertThat(r.getTo()).singleElement().satisfies(peer -> {
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
                        assertThat(peer.getPodSelector().getMatchLabels())
                                .containsExactly(Map.entry("k8s-app", "kube-dns"));
                    }));
        }
        assertThat(policy(overlay, "grader-service").getSpec().getEgress()).flatExtracting(NetworkPolicies::ports)
                .containsExactlyInAnyOrder("TCP/" + port(bootstrapServers(overlay, "grader-service")), "UDP/53",
                        "TCP/53");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyPrometheusAndForTheRestApisLabelledClientsComeIn(String overlay) {
        Map<String, String> prometheus = Map.of("app.kubernetes.io/name", "prometheus");
        Map<String, String> client = Map.of("evalstream.io/api-client", "true");
        SERVICES.forEach((name, port) -> {
            List<NetworkPolicyIngressRule> ingress = policy(overlay, name).getSpec().getIngress();
            List<Map<String, String>> from = ingress.stream().flatMap(r -> r.getFrom().stream())
                    .map(peer -> peer.getPodSelector().getMatchLabels()).toList();

            assertThat(ingress).as(name).allSatisfy(r -> {
                assertThat(r.getFrom()).as("`from:` of " + name).isNotEmpty();
                assertThat(r.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(port);
            });
            List<Map<String, String>> expected = new java.util.ArrayList<>(List.of(prometheus));
            if (REST_APIS.contains(name)) {
                expected.add(client);
            }
            if (name.equals("aggregator")) {
                // Each instance asks the others for the partitions they run.
                expected.add(Map.of("app.kubernetes.io/name", "aggregator"));
            }
            assertThat(from).as(name).isEqualTo(expected);
        });
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

    private static NetworkPolicy policy(String overlay, String service) {
        Map<String, String> pod = deployment(overlay, service).getSpec().getTemplate().getMetadata().getLabels();
        return objects(overlay, NetworkPolicy.class).stream()
                .filter(p -> NetworkPolicies.selects(p.getSpec().getPodSelector(), pod)).collect(onlyOne());
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
