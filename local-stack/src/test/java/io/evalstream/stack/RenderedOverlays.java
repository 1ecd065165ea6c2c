package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * The kustomize overlays of {@code deploy/k8s}, each rendered once per test JVM with {@code kubectl kustomize} and
 * read with fabric8's strict model, and lookups into them for the deploy tests.
 */
final class RenderedOverlays {

    static final Path HOME = StackOptions.defaultHome();
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);
    /** The four services: their Deployment, Service, module directory and HTTP port. */
    static final Map<String, Integer> SERVICES = Map.of(
            "prompt-producer", 8081, "model-worker", 8082, "grader-service", 8083, "aggregator", 8084);

    /** Each service's Kafka identity: the KafkaUser it signs in as in prod. */
    static final Map<String, KafkaAccess> KAFKA_IDENTITIES = Map.of(
            "prompt-producer", KafkaAccess.PROMPT_PRODUCER, "model-worker", KafkaAccess.MODEL_WORKER,
            "grader-service", KafkaAccess.GRADER, "aggregator", KafkaAccess.AGGREGATOR);

    /** What rendering one overlay gave: kubectl's result, the objects read, and what could not be read. */
    private record Rendering(CommandLine.Result result, List<HasMetadata> objects, List<String> unreadable) {
    }

    private static final Map<String, Rendering> RENDERED = new HashMap<>();

    private RenderedOverlays() {
    }

    static CommandLine.Result result(String overlay) {
        return rendering(overlay).result();
    }

    static List<String> unreadable(String overlay) {
        return rendering(overlay).unreadable();
    }

    static List<HasMetadata> all(String overlay) {
        return rendering(overlay).objects();
    }

    private static synchronized Rendering rendering(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedOverlays::render);
    }

    private static Rendering render(String overlay) {
        Path kubectl = CommandLine.require("kubectl", "a kubectl with kustomize v5, into .tools/bin");
        try {
            CommandLine.Result result = CommandLine.run(HOME, TOOL_TIMEOUT, kubectl.toString(), "kustomize",
                    HOME.resolve("deploy/k8s/overlays").resolve(overlay).toString());
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
            return new Rendering(result, List.copyOf(objects), List.copyOf(unreadable));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render overlay " + overlay, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering overlay " + overlay, e);
        }
    }

    static Properties serviceProperties(String module) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(
                Files.readString(HOME.resolve(module).resolve("src/main/resources/application.properties"))));
        return properties;
    }

    static <T> Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }

    static <T extends HasMetadata> List<T> objects(String overlay, Class<T> type) {
        return all(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(String overlay, Class<T> type, String name) {
        return objects(overlay, type).stream().filter(o -> o.getMetadata().getName().equals(name)).collect(onlyOne());
    }

    static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return objects(overlay, GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    static Deployment deployment(String overlay, String name) {
        return named(overlay, Deployment.class, name);
    }

    static Container container(String overlay, String name) {
        return deployment(overlay, name).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).collect(onlyOne());
    }

    /** The variable {@code name} of {@code container}; fails when it is not set exactly once. */
    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).collect(onlyOne());
    }

    /** The broker address a service's KAFKA_BOOTSTRAP_SERVERS takes from the overlay's ConfigMap. */
    static String bootstrapServers(String overlay, String service) {
        var reference = env(container(overlay, service), "KAFKA_BOOTSTRAP_SERVERS").getValueFrom().getConfigMapKeyRef();
        return named(overlay, ConfigMap.class, reference.getName()).getData().get(reference.getKey());
    }

    /** The port of a single {@code host:port} broker address. */
    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** The container port a probe or Service names, by number or by the container port's name. */
    static int resolve(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).collect(onlyOne());
    }

    static Set<String> emptyDirMounts(PodSpec pod, Container container) {
        Set<String> emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName)
                .collect(Collectors.toSet());
        return container.getVolumeMounts().stream().filter(m -> emptyDirs.contains(m.getName()))
                .map(m -> m.getMountPath()).collect(Collectors.toSet());
    }

    static Set<String> secretMounts(Deployment deployment, Container container) {
        Set<String> secrets = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).map(Volume::getName).collect(Collectors.toSet());
        return container.getVolumeMounts().stream().filter(m -> secrets.contains(m.getName()))
                .map(m -> m.getMountPath()).collect(Collectors.toSet());
    }
}
