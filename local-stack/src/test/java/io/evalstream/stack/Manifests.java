package io.evalstream.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rendered Kubernetes manifests read with fabric8's model classes. Built-in kinds parse strictly: the model classes
 * keep unknown fields in an "additional properties" map, which this reader turns off, so a misspelt or misplaced
 * field fails the parse. Custom resources (Strimzi, KEDA, Prometheus Operator) have no classes here and parse as
 * {@link GenericKubernetesResource}.
 */
final class Manifests {

    static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
            "ConfigMap", ConfigMap.class,
            "Service", Service.class,
            "Deployment", Deployment.class,
            "StatefulSet", StatefulSet.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class);
    static final Set<String> CUSTOM = Set.of(
            "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "ScaledObject", "TriggerAuthentication",
            "ServiceMonitor", "PrometheusRule");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private Manifests() {
    }

    /** The YAML documents of a multi-document stream, empty ones dropped. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /**
     * One rendered object as its fabric8 class.
     *
     * @throws IOException when a built-in kind has a field Kubernetes does not know, or the kind is not expected
     */
    static HasMetadata parse(JsonNode document) throws IOException {
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = BUILT_IN.get(kind);
        if (type != null) {
            return STRICT.treeToValue(document, type);
        }
        if (CUSTOM.contains(kind)) {
            return LENIENT.treeToValue(document, GenericKubernetesResource.class);
        }
        throw new IOException("unexpected kind '" + kind + "' in the rendered manifests: " + document.path("metadata"));
    }

    /** Reads a YAML file or text as a tree (for the alert rules and the compose file). */
    static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    /** A custom resource's field by path, e.g. {@code at(topic, "spec", "topicName")}. */
    static JsonNode at(GenericKubernetesResource resource, String... path) {
        JsonNode node = LENIENT.valueToTree(resource);
        for (String step : path) {
            node = node.path(step);
        }
        return node;
    }
}
