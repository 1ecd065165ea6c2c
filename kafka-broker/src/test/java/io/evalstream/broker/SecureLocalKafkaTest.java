package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class SecureLocalKafkaTest {

    private static ProvisionedBroker broker;
    private static Path dir;
    private static LocalKafka kafka;
    private static BrokerSecurity security;
    private static Map<KafkaAccess, Credentials> users;

    @BeforeAll
    static void startAndProvision() throws IOException {
        broker = ProvisionedBroker.start("secure-kafka");
        dir = broker.dir;
        kafka = broker.kafka;
        security = broker.security;
        users = broker.users;
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void promptProducerWritesTasksThatTheModelWorkerReadsInItsGroupAndAnswers() throws Exception {
        String key = "task-" + UUID.randomUUID();
        TestClients.send(as(KafkaAccess.PROMPT_PRODUCER), Topics.TASKS, key);

        try (KafkaConsumer<String, byte[]> worker = as(KafkaAccess.MODEL_WORKER).consumer("test-worker", Map.of(
                "group.id", KafkaAccess.Groups.WORKER, "auto.offset.reset", "earliest",
                "enable.auto.commit", false))) {
            worker.subscribe(List.of(Topics.TASKS));
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                worker.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return keys.contains(key);
            });
            worker.commitSync(Duration.ofSeconds(10));
        }
        assertThat(TestClients.send(as(KafkaAccess.MODEL_WORKER), Topics.COMPLETIONS, key).topic())
                .isEqualTo(Topics.COMPLETIONS);
    }

    @Test
    void theGraderWritesGradesAndJudgeTasks() throws Exception {
        assertThat(TestClients.send(as(KafkaAccess.GRADER), Topics.GRADES, "grade-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.GRADES);
        assertThat(TestClients.send(as(KafkaAccess.GRADER), Topics.TASKS, "judge-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.TASKS);
    }

    @Test
    void theModelWorkerCannotForgeAGrade() {
        assertThatThrownBy(() -> TestClients.send(as(KafkaAccess.MODEL_WORKER), Topics.GRADES, "forged"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void thePushIdentityMayWriteTasksButNotRunsNorReadCompletions() throws Exception {
        assertThat(TestClients.send(as(KafkaAccess.PUSH), Topics.TASKS, "pushed-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.TASKS);
        assertThatThrownBy(() -> TestClients.send(as(KafkaAccess.PUSH), Topics.RUNS, "run"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        try (KafkaConsumer<String, byte[]> reader = as(KafkaAccess.PUSH).consumer("test-push-reader", Map.of())) {
            reader.assign(List.of(new TopicPartition(Topics.COMPLETIONS, 0)));
            reader.seekToBeginning(reader.assignment());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThatThrownBy(() -> reader.poll(Duration.ofMillis(500)))
                            .isInstanceOf(TopicAuthorizationException.class));
        }
    }

    /** What Kafka Streams with exactly_once_v2 does under the aggregator's prefix, with plain clients. */
    @Test
    void theAggregatorCommitsATransactionUnderItsApplicationId() throws Exception {
        String key = "metric-" + UUID.randomUUID();
        KafkaClients aggregator = as(KafkaAccess.AGGREGATOR);
        TestClients.send(as(KafkaAccess.GRADER), Topics.GRADES, key);
        try (KafkaConsumer<String, byte[]> grades = aggregator.consumer("test-aggregator", Map.of(
                "group.id", KafkaAccess.Groups.AGGREGATOR, "auto.offset.reset", "earliest",
                "enable.auto.commit", false, "isolation.level", "read_committed"));
             KafkaProducer<String, byte[]> producer = aggregator.producer("test-aggregator-producer", Map.of(
                     "transactional.id", KafkaAccess.Groups.AGGREGATOR + "-" + UUID.randomUUID()))) {
            grades.subscribe(List.of(Topics.GRADES));
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                grades.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.stream().anyMatch(record -> record.key().equals(key));
            });
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.METRICS, key, new byte[0]));
            producer.sendOffsetsToTransaction(offsetsAfter(read), grades.groupMetadata());
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, byte[]> metrics = KafkaClients.of(security.adminSettings()).consumer(
                "test-metrics-reader", Map.of("isolation.level", "read_committed"))) {
            List<TopicPartition> partitions = metrics.partitionsFor(Topics.METRICS).stream()
                    .map(info -> new TopicPartition(Topics.METRICS, info.partition())).toList();
            metrics.assign(partitions);
            metrics.seekToBeginning(partitions);
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                metrics.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return keys.contains(key);
            });
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Credentials wrong = new Credentials(KafkaAccess.PUSH.user(), "not-" + users.get(KafkaAccess.PUSH).password());
        assertThatThrownBy(() -> TestClients.clusterId(TestClients.of(security.clientSettings(wrong))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    /** TLS without SASL: the broker drops the connection at the first request that is not a SASL handshake. */
    @Test
    void aClientWithoutCredentialsGetsNoAnswer() {
        Map<String, String> tlsOnly = new HashMap<>(security.clientSettings(users.get(KafkaAccess.PUSH)));
        tlsOnly.keySet().removeIf(name -> name.startsWith("sasl."));
        tlsOnly.put("security.protocol", "SSL");
        assertThatThrownBy(() -> TestClients.clusterId(TestClients.of(briefly(tlsOnly))))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void thereIsNoPlaintextListener() throws IOException {
        assertThat(Files.readString(kafka.directory().resolve("server.properties"))).doesNotContain("PLAINTEXT");
        assertThatThrownBy(() -> TestClients.clusterId(TestClients.of(briefly(Map.of(
                "bootstrap.servers", kafka.bootstrapServers())))))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void theControllerListenerRefusesClientsWithoutTheBrokersKey() throws IOException {
        Map<String, String> controller = new HashMap<>(security.adminSettings());
        controller.keySet().removeIf(name -> name.startsWith("sasl.") || name.equals("bootstrap.servers"));
        controller.put("security.protocol", "SSL");
        controller.put("bootstrap.controllers", "127.0.0.1:" + serverProperties().getProperty(
                "controller.quorum.voters").split(":")[1]);
        controller.put("default.api.timeout.ms", "10000");
        controller.put("request.timeout.ms", "5000");
        // Not KafkaClients, which is for brokers: it wants bootstrap.servers.
        assertThatThrownBy(() -> {
            try (Admin admin = Admin.create(new HashMap<>(controller))) {
                admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
            }
        }).hasCauseInstanceOf(SslAuthenticationException.class).rootCause()
                .hasMessageContaining("certificate_required");
    }

    @Test
    void secretsAreInNoCommandLineNorLogAndTheirFilesAreTheOwnersOnly() throws IOException {
        List<String> secrets = secrets();
        String commandLine = ProcessHandle.of(kafka.pid()).orElseThrow().info().commandLine().orElseThrow();
        assertThat(secrets).noneMatch(commandLine::contains);
        try (Stream<Path> files = Files.walk(kafka.directory())) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.endsWith("server.properties")).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(secrets).as(file.toString()).noneMatch(text::contains);
            }
        }
        assertThat(permissions(kafka.directory().resolve("server.properties"))).isEqualTo("rw-------");
        assertThat(permissions(kafka.directory().resolve("tls/broker.p12"))).isEqualTo("rw-------");
        assertThat(permissions(kafka.directory().resolve("tls"))).isEqualTo("rwx------");
        assertThat(kafka.directory().resolve("format.args")).doesNotExist();
    }

    @Test
    void writtenPropertiesFilesAreTheOwnersOnlyAndConnectAsTheirIdentity() throws Exception {
        Path client = dir.resolve("push.properties");
        Path service = dir.resolve("worker.properties");
        security.writeClientProperties(client, users.get(KafkaAccess.PUSH));
        security.writeServiceProperties(service, users.get(KafkaAccess.MODEL_WORKER));

        assertThat(permissions(client)).isEqualTo("rw-------");
        assertThat(permissions(service)).isEqualTo("rw-------");
        Properties pushSettings = load(client);
        assertThat(pushSettings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        TestClients.send(KafkaClients.of(toMap(pushSettings)), Topics.TASKS, "from-file-" + UUID.randomUUID());
        Properties workerSettings = load(service);
        assertThat(workerSettings.stringPropertyNames()).allMatch(name -> name.startsWith("kafka."));
        KafkaClients worker = KafkaClients.fromConfig(workerSettings.stringPropertyNames(),
                name -> Optional.ofNullable(workerSettings.getProperty(name)));
        TestClients.send(worker, Topics.COMPLETIONS, "from-file-" + UUID.randomUUID());
    }

    @Test
    void stringFormsHideThePasswords() {
        assertThat(List.of(security.toString(), users.toString())).allSatisfy(text ->
                assertThat(secrets()).noneMatch(text::contains));
    }

    /** A client that gives up after 3 s, for connections that are dropped and retried until then. */
    private static Map<String, String> briefly(Map<String, String> settings) {
        Map<String, String> result = new HashMap<>(settings);
        result.put("default.api.timeout.ms", "3000");
        result.put("request.timeout.ms", "2000");
        return result;
    }

    private static KafkaClients as(KafkaAccess access) {
        return broker.as(access);
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsetsAfter(
            List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** Every password: the users', and the keystore's and admin's from server.properties. */
    private static List<String> secrets() {
        List<String> result = new ArrayList<>(users.values().stream().map(Credentials::password).toList());
        try {
            Properties server = serverProperties();
            result.add(server.getProperty("ssl.keystore.password"));
            String jaas = server.getProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config");
            result.add(jaas.substring(jaas.indexOf("password=\"") + 10, jaas.lastIndexOf('"')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(result).allMatch(secret -> secret.length() >= 32);
        return result;
    }

    private static Properties serverProperties() throws IOException {
        return load(kafka.directory().resolve("server.properties"));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> result = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> result.put(name, properties.getProperty(name)));
        return result;
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
