package io.evalstream.evalctl;

import io.evalstream.contracts.KafkaClients;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where {@code evalctl push} finds its Kafka client settings, lowest first: {@code EVALSTREAM_KAFKA_*} environment
 * variables ({@code EVALSTREAM_KAFKA_SECURITY_PROTOCOL} is {@code security.protocol}), then the properties file of
 * {@code --kafka-config} (Java client names, as kcat's {@code -F} takes librdkafka's), then {@code --bootstrap-servers}
 * or {@code EVALSTREAM_BOOTSTRAP_SERVERS}; {@code localhost:9092} when nothing names the servers.
 */
final class KafkaSettings {

    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    private static final String ENV_PREFIX = "EVALSTREAM_KAFKA_";

    private KafkaSettings() {
    }

    static KafkaClients resolve(String bootstrapFlag, Path configFile, Map<String, String> environment) {
        Map<String, Object> settings = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                settings.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (configFile != null) {
            read(configFile).forEach((name, value) -> settings.put(name.toString(), value));
        }
        String bootstrap = Optional.ofNullable(bootstrapFlag)
                .or(() -> Optional.ofNullable(environment.get("EVALSTREAM_BOOTSTRAP_SERVERS")))
                .filter(value -> !value.isBlank())
                .orElse(null);
        if (bootstrap != null) {
            settings.put("bootstrap.servers", bootstrap);
        }
        settings.putIfAbsent("bootstrap.servers", DEFAULT_BOOTSTRAP);
        return KafkaClients.of(settings);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "cannot read --kafka-config " + file + " (" + e.getMessage()
                    + "); it must be a Java properties file of Kafka client settings, e.g. security.protocol=SASL_SSL",
                    e);
        }
        return properties;
    }
}
