package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class KafkaSettingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nothing names the servers               | -          | -         | -          | -        | localhost:9092
            the file names them                     | -          | -         | file:1     | -        | file:1
            a KAFKA variable names them             | -          | -         | -          | kenv:1   | kenv:1
            the file wins over the KAFKA variable   | -          | -         | file:1     | kenv:1   | file:1
            EVALSTREAM_BOOTSTRAP_SERVERS wins       | -          | env:1     | file:1     | kenv:1   | env:1
            the flag wins over everything           | flag:1     | env:1     | file:1     | kenv:1   | flag:1
            """)
    void findsTheBootstrapServers(String name, String flag, String env, String inFile, String kafkaEnv,
            String expected) throws IOException {
        Map<String, String> environment = new HashMap<>();
        if (env != null) {
            environment.put("EVALSTREAM_BOOTSTRAP_SERVERS", env);
        }
        if (kafkaEnv != null) {
            environment.put("EVALSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafkaEnv);
        }
        Path file = inFile == null ? null : properties(Map.of("bootstrap.servers", inFile));

        assertThat(KafkaSettings.resolve(flag, file, environment).bootstrapServers()).isEqualTo(expected);
    }

    @Test
    void takesSecuritySettingsFromTheEnvironmentAndTheFileTheFileWinning() throws IOException {
        Path file = properties(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
        Map<String, String> environment = Map.of(
                "EVALSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL",
                "EVALSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", "/ca.pem",
                "EVALSTREAM_TOKEN", "not a Kafka setting");

        Properties settings = KafkaSettings.resolve(null, file, environment).with(Map.of());

        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/ca.pem")
                .doesNotContainKey("token")
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void aMissingFileIsAUsageErrorSayingWhatTheFileMustBe() {
        assertThatThrownBy(() -> KafkaSettings.resolve(null, dir.resolve("absent.properties"), Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("cannot read --kafka-config")
                .hasMessageContaining("security.protocol=SASL_SSL");
    }

    private Path properties(Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        Path file = dir.resolve("client-" + values.hashCode() + ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        return file;
    }
}
