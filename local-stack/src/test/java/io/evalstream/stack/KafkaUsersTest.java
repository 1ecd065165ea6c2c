package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.KAFKA_IDENTITIES;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static io.evalstream.stack.RenderedOverlays.all;
import static io.evalstream.stack.RenderedOverlays.bootstrapServers;
import static io.evalstream.stack.RenderedOverlays.container;
import static io.evalstream.stack.RenderedOverlays.custom;
import static io.evalstream.stack.RenderedOverlays.deployment;
import static io.evalstream.stack.RenderedOverlays.env;
import static io.evalstream.stack.RenderedOverlays.objects;
import static io.evalstream.stack.RenderedOverlays.onlyOne;
import static io.evalstream.stack.RenderedOverlays.port;
import static io.evalstream.stack.RenderedOverlays.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kafka secured in the prod overlay: the Strimzi cluster's one client listener takes TLS and SCRAM-SHA-512 and
 * authorizes with ACLs, each {@link KafkaAccess} identity is a {@code KafkaUser} with exactly its grants, and each
 * service signs in as its own user from the Secret Strimzi writes, trusting the cluster CA. Dev stays plaintext.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaUsersTest {

    private static final String PROD = "prod";

    @Test
    void everyKafkaAccessIdentityIsAScramUserOfTheClusterAndNoOtherUserExists() {
        String cluster = kafka().getMetadata().getName();

        assertThat(custom(PROD, "KafkaUser")).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Stream.of(KafkaAccess.values()).map(KafkaAccess::user).toList());
        assertThat(custom(PROD, "KafkaUser")).allSatisfy(user -> {
            assertThat(user.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(Manifests.at(user, "spec").properties()).extracting(e -> e.getKey())
                    .containsExactlyInAnyOrder("authentication", "authorization");
            // No password field: the user operator generates one and writes it to the user's Secret only.
            assertThat(Manifests.at(user, "spec", "authentication").toString())
                    .isEqualTo("{\"type\":\"scram-sha-512\"}");
            assertThat(Manifests.at(user, "spec", "authorization", "type").asText()).isEqualTo("simple");
        });
        assertThat(Manifests.at(kafka(), "spec", "entityOperator").has("userOperator")).as("user operator").isTrue();
    }

    @ParameterizedTest
    @EnumSource(KafkaAccess.class)
    void eachUsersAclsAreExactlyItsGrants(KafkaAccess access) {
        GenericKubernetesResource user = custom(PROD, "KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals(access.user())).collect(onlyOne());

        assertThat(StrimziAcls.read(Manifests.at(user, "spec", "authorization", "acls")))
                .as("ACLs of %s against KafkaAccess.%s", access.user(), access)
                .containsExactlyInAnyOrderElementsOf(StrimziAcls.of(access));
    }

    @Test
    void theOnlyClientListenerIsTlsWithScramAndTheClusterAuthorizesByAcl() {
        JsonNode listeners = Manifests.at(kafka(), "spec", "kafka", "listeners");

        assertThat(listeners).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as(listener.toString()).isTrue();
            assertThat(listener.path("authentication").path("type").asText()).as(listener.toString())
                    .isEqualTo("scram-sha-512");
        });
        assertThat(Manifests.at(kafka(), "spec", "kafka", "authorization", "type").asText()).isEqualTo("simple");
        // Strimzi's own components are super users already; nobody else bypasses the ACLs.
        assertThat(Manifests.at(kafka(), "spec", "kafka", "authorization").has("superUsers")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            prompt-producer, PROMPT_PRODUCER
            model-worker,    MODEL_WORKER
            grader-service,  GRADER
            aggregator,      AGGREGATOR
            """)
    void eachServiceSignsInAsItsOwnUserOverTlsTrustingTheClusterCa(String service, KafkaAccess access) {
        Container container = container(PROD, service);
        String cluster = kafka().getMetadata().getName();
        SecretKeySelector jaas = env(container, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();

        assertThat(KAFKA_IDENTITIES).containsEntry(service, access);
        assertThat(env(container, "KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(env(container, "KAFKA_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
        assertThat(jaas.getName()).isEqualTo(access.user());
        assertThat(jaas.getKey()).isEqualTo("sasl.jaas.config");
        assertThat(env(container, "KAFKA_SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PEM");
        assertThat(env(container, "KAFKA_SSL_TRUSTSTORE_LOCATION").getValue())
                .isEqualTo(clusterCaFile(deployment(PROD, service), container, cluster + "-cluster-ca-cert"));
        assertThat(bootstrapServers(PROD, service)).isEqualTo(cluster + "-kafka-bootstrap:" + listenerPort());
    }

    @Test
    void kedaReadsTheWorkersLagAsTheAutoscalerUserOverTls() {
        GenericKubernetesResource scaled = custom(PROD, "ScaledObject").getFirst();
        String name = Manifests.at(scaled, "spec", "triggers").get(0).path("authenticationRef").path("name").asText();
        GenericKubernetesResource auth = custom(PROD, "TriggerAuthentication").stream()
                .filter(a -> a.getMetadata().getName().equals(name)).collect(onlyOne());
        var settings = objects(PROD, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(
                        Manifests.at(auth, "spec", "configMapTargetRef").get(0).path("name").asText()))
                .collect(onlyOne()).getData();

        assertThat(Manifests.at(auth, "spec", "configMapTargetRef")).allSatisfy(ref -> assertThat(
                settings.get(ref.path("key").asText())).isEqualTo(switch (ref.path("parameter").asText()) {
                    case "sasl" -> "scram_sha512";
                    case "tls" -> "enable";
                    case "username" -> KafkaAccess.AUTOSCALER.user();
                    default -> throw new AssertionError("unexpected parameter " + ref);
                }));
        assertThat(Manifests.at(auth, "spec", "secretTargetRef"))
                .extracting(ref -> ref.path("parameter").asText() + " from " + ref.path("name").asText() + "/"
                        + ref.path("key").asText())
                .containsExactlyInAnyOrder("password from " + KafkaAccess.AUTOSCALER.user() + "/password",
                        "ca from " + kafka().getMetadata().getName() + "-cluster-ca-cert/ca.crt");
    }

    @Test
    void noSecretValueIsInTheManifests() {
        String rendered = result(PROD).output();
        List<EnvVar> variables = objects(PROD, Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv().stream()).toList();

        assertThat(all(PROD)).extracting(HasMetadata::getKind).doesNotContain("Secret");
        assertThat(rendered).doesNotContainIgnoringCase("LoginModule").doesNotContainIgnoringCase("password=")
                .doesNotContain("ca.p12", "ca.password", "BEGIN CERTIFICATE", "PRIVATE KEY");
        assertThat(variables).filteredOn(v -> v.getName().matches(".*(JAAS|PASSWORD|KEY$).*"))
                .allSatisfy(v -> assertThat(v.getValue()).as(v.getName()).isNull());
    }

    @Test
    void devStaysPlaintextWithoutUsers() {
        assertThat(custom("dev", "KafkaUser")).isEmpty();
        for (String service : SERVICES.keySet()) {
            assertThat(container("dev", service).getEnv()).extracting(EnvVar::getName).as(service)
                    .noneMatch(name -> name.startsWith("KAFKA_SASL_") || name.startsWith("KAFKA_SSL_"))
                    .doesNotContain("KAFKA_SECURITY_PROTOCOL");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [{resource: {type: topic, name: t, patternType: literal}, operation: Read, host: "*"}]                 | unknown field 'operation'
            [{resource: {type: topic, name: t, patterntype: literal}, operations: [Read], host: "*"}]              | unknown field 'patterntype'
            [{resource: {type: topic, name: t, patternType: prefixed}, operations: [Read], host: "*"}]             | literal or prefix
            [{resource: {type: topic, name: t, patternType: literal}, operations: [Read], host: "10.0.0.1"}]       | any host
            [{resource: {type: topic, name: t, patternType: literal}, operations: [Read], host: "*", type: deny}]  | any host
            [{resource: {type: topic, name: t, patternType: literal}, operations: [Reads], host: "*"}]             | READS
            [{resource: {type: topic, name: t, patternType: literal}, operations: [Any], host: "*"}]               | filter word
            [{resource: {type: topics, name: t, patternType: literal}, operations: [Read], host: "*"}]             | TOPICS
            [{resource: {type: topic, name: t, patternType: literal}, operations: [], host: "*"}]                  | non-empty
            []                                                                                                     | non-empty
            """)
    void anAclStrimziWouldReadDifferentlyIsRejected(String acls, String complaint) throws IOException {
        JsonNode rules = Manifests.yaml(acls);

        assertThatThrownBy(() -> StrimziAcls.read(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(complaint);
    }

    @Test
    void aclsReadFromStrimziSpellingMatchKafkasNames() throws IOException {
        JsonNode rules = Manifests.yaml("""
                - {resource: {type: transactionalId, name: evalstream-aggregator, patternType: prefix},
                   operations: [Write, Describe], host: "*"}
                - {resource: {type: group, name: g, patternType: literal}, operations: [IdempotentWrite], host: "*"}
                """);

        assertThat(StrimziAcls.read(rules)).extracting(StrimziAcls.Acl::toString).containsExactlyInAnyOrder(
                "TRANSACTIONAL_ID evalstream-aggregator PREFIXED WRITE",
                "TRANSACTIONAL_ID evalstream-aggregator PREFIXED DESCRIBE",
                "GROUP g LITERAL IDEMPOTENT_WRITE");
    }

    private static GenericKubernetesResource kafka() {
        return custom(PROD, "Kafka").stream().collect(onlyOne());
    }

    /** The port of the one client listener (every listener is checked to be TLS with SCRAM). */
    private static int listenerPort() {
        JsonNode listeners = Manifests.at(kafka(), "spec", "kafka", "listeners");
        return StreamSupport.stream(listeners.spliterator(), false).map(l -> l.path("port").asInt()).collect(onlyOne());
    }

    /** Where {@code container} finds key ca.crt of Secret {@code caSecret}: a read-only mount of that key alone. */
    private static String clusterCaFile(Deployment deployment, Container container, String caSecret) {
        Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null && v.getSecret().getSecretName().equals(caSecret))
                .collect(onlyOne());
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .collect(onlyOne());

        assertThat(mount.getReadOnly()).as("CA mount read-only").isTrue();
        assertThat(volume.getSecret().getItems()).singleElement()
                .satisfies(item -> assertThat(item.getKey()).isEqualTo("ca.crt"));
        return mount.getMountPath() + "/" + volume.getSecret().getItems().getFirst().getPath();
    }
}
