package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class KafkaClientsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"someone\" password=\"not-a-real-secret\";";

    /** Sees the settings every client is built with: Kafka hands a client's whole configuration to its reporters. */
    public static final class SeenSettings implements MetricsReporter {
        static final Map<String, Map<String, Object>> BY_CLIENT = new ConcurrentHashMap<>();

        @Override
        public void configure(Map<String, ?> configs) {
            BY_CLIENT.put(String.valueOf(configs.get("client.id")), Map.copyOf(configs));
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyKindOfClientGetsTheSharedSecuritySettings() {
        KafkaClients kafka = KafkaClients.of(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "metric.reporters", SeenSettings.class.getName()));

        kafka.producer("probe-producer", Map.of("linger.ms", 7)).close();
        kafka.consumer("probe-consumer", Map.of()).close();
        kafka.admin("probe-admin").close();

        assertThat(SeenSettings.BY_CLIENT).containsKeys("probe-producer", "probe-consumer", "probe-admin");
        for (String client : List.of("probe-producer", "probe-consumer", "probe-admin")) {
            assertThat(SeenSettings.BY_CLIENT.get(client)).as(client)
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS);
        }
        assertThat(SeenSettings.BY_CLIENT.get("probe-producer")).containsEntry("linger.ms", 7);
        assertThat(kafka.with(Map.of("application.id", "app"))).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("application.id", "app");
    }

    @Test
    void neverShowsItsSettings() {
        KafkaClients kafka = KafkaClients.of(Map.of("bootstrap.servers", "broker:9093", "security.protocol",
                "SASL_SSL", "sasl.jaas.config", JAAS));

        assertThat(kafka.toString()).isEqualTo("broker:9093 (SASL_SSL)").doesNotContain("not-a-real-secret");
    }

    @Test
    void refusesSettingsWithoutBootstrapServersSayingWhatToSet() {
        assertThatThrownBy(() -> KafkaClients.of(Map.of("security.protocol", "SSL")))
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a kafka. property                       | kafka.security.protocol        | SASL_SSL | security.protocol
            an environment variable                 | KAFKA_SASL_JAAS_CONFIG         | x        | sasl.jaas.config
            environment form of a dotted name       | KAFKA_SSL_TRUSTSTORE_LOCATION  | /ca.crt  | ssl.truststore.location
            """)
    void readsKafkaPropertiesAndTheirEnvironmentForm(String name, String property, String value, String setting) {
        Map<String, String> config = Map.of(property, value, "kafka.bootstrap.servers", "b:1");

        KafkaClients kafka = KafkaClients.fromConfig(config.keySet(), key -> Optional.ofNullable(config.get(key)));

        assertThat(kafka.with(Map.of())).containsEntry(setting, value).containsEntry("bootstrap.servers", "b:1");
    }

    @Test
    void leavesKafkaStreamsSettingsAndOtherPropertiesOut() {
        Map<String, String> config = new HashMap<>(Map.of("kafka.bootstrap.servers", "b:1",
                "kafka-streams.application.id", "app", "KAFKA_STREAMS_NUM_STREAM_THREADS", "2",
                "quarkus.http.port", "8080", "kafka_lowercase_is_not_env", "x"));

        KafkaClients kafka = KafkaClients.fromConfig(config.keySet(), key -> Optional.ofNullable(config.get(key)));

        assertThat(kafka.with(Map.of())).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void aDottedPropertyWinsOverTheEnvironmentFormOfTheSameName() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", "dotted:1", "KAFKA_BOOTSTRAP_SERVERS", "env:1");

        KafkaClients kafka = KafkaClients.fromConfig(config.keySet(), key -> Optional.ofNullable(config.get(key)));

        assertThat(kafka.bootstrapServers()).isEqualTo("dotted:1");
    }

    /**
     * The rule that makes "configured once" true: main code builds Kafka clients only through {@link KafkaClients}.
     * Kafka Streams is built in one place, from {@link KafkaClients#with}.
     */
    @Test
    void mainCodeBuildsKafkaClientsOnlyThroughTheFactory() throws IOException {
        Pattern direct = Pattern.compile("new Kafka(Producer|Consumer|Streams)\\s*<?[^>]*>?\\s*\\(|Admin(Client)?\\.create\\(");
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<Path, String> allowed = Map.of(
                Path.of("contracts/src/main/java/io/evalstream/contracts/KafkaClients.java"), "the factory itself",
                Path.of("aggregator/src/main/java/io/evalstream/aggregator/streams/StreamsLifecycle.java"),
                "Kafka Streams, configured from KafkaClients.with");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> root.relativize(file).toString().contains("/src/main/java/"))
                    .filter(file -> !root.relativize(file).startsWith("target"))
                    .toList();
        }
        assertThat(sources).as("main sources found under " + root).hasSizeGreaterThan(100);

        List<String> offenders = sources.stream()
                .filter(file -> !allowed.containsKey(root.relativize(file)))
                .filter(file -> direct.matcher(read(file)).find())
                .map(file -> root.relativize(file).toString())
                .toList();

        assertThat(offenders).as("build Kafka clients with io.evalstream.contracts.KafkaClients, so they get the"
                + " service's security settings").isEmpty();
        allowed.keySet().forEach(file -> assertThat(direct.matcher(read(root.resolve(file))).find())
                .as(file + " is allowed to build clients; does it still?").isTrue());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
