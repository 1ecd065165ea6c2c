package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.KafkaAccess;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A Strimzi {@code KafkaUser}'s {@code spec.authorization.acls} and {@link KafkaAccess#grants()} in one form, one
 * entry per (resource, operation), so the two compare as sets. The custom resource parses leniently, so reading it
 * here is strict instead: a field Strimzi does not know (the deprecated singular {@code operation}, a misspelt key),
 * a value outside its enums, a deny rule or a host other than {@code *} is an error, not a silently different ACL.
 */
final class StrimziAcls {

    /** One allowed operation on one resource pattern. */
    record Acl(ResourceType type, String name, PatternType pattern, AclOperation operation) {

        @Override
        public String toString() {
            return type + " " + name + " " + pattern + " " + operation;
        }
    }

    private static final Set<String> RULE_FIELDS = Set.of("resource", "operations", "host", "type");
    private static final Set<String> RESOURCE_FIELDS = Set.of("type", "name", "patternType");

    private StrimziAcls() {
    }

    static Set<Acl> of(KafkaAccess access) {
        Set<Acl> acls = new HashSet<>();
        for (KafkaAccess.Grant grant : access.grants()) {
            grant.operations().forEach(op -> acls.add(new Acl(grant.type(), grant.name(), grant.pattern(), op)));
        }
        return acls;
    }

    /** The ACLs of a {@code spec.authorization.acls} array. */
    static Set<Acl> read(JsonNode rules) {
        if (!rules.isArray() || rules.isEmpty()) {
            throw new IllegalArgumentException("acls is not a non-empty list: " + rules);
        }
        Set<Acl> acls = new HashSet<>();
        for (JsonNode rule : rules) {
            onlyFields(rule, RULE_FIELDS);
            JsonNode resource = rule.path("resource");
            onlyFields(resource, RESOURCE_FIELDS);
            if (!rule.path("host").asText().equals("*") || !rule.path("type").asText("allow").equals("allow")) {
                throw new IllegalArgumentException("not an allow rule for any host: " + rule);
            }
            ResourceType type = ResourceType.valueOf(upperSnake(resource.path("type").asText()));
            PatternType pattern = switch (resource.path("patternType").asText()) {
                case "literal" -> PatternType.LITERAL;
                case "prefix" -> PatternType.PREFIXED;
                default -> throw new IllegalArgumentException("patternType is literal or prefix: " + resource);
            };
            if (!rule.path("operations").isArray() || rule.path("operations").isEmpty()) {
                throw new IllegalArgumentException("operations is not a non-empty list: " + rule);
            }
            for (JsonNode operation : rule.path("operations")) {
                AclOperation op = AclOperation.valueOf(upperSnake(operation.asText()));
                if (Set.of(ResourceType.ANY, ResourceType.UNKNOWN).contains(type)
                        || Set.of(AclOperation.ANY, AclOperation.UNKNOWN).contains(op)) {
                    throw new IllegalArgumentException("a filter word, not a resource or operation: " + rule);
                }
                acls.add(new Acl(type, resource.path("name").asText(), pattern, op));
            }
        }
        return acls;
    }

    private static void onlyFields(JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' in " + node);
            }
        });
    }

    /** Strimzi's spelling to Kafka's enum name: {@code transactionalId} to TRANSACTIONAL_ID, {@code Read} to READ. */
    private static String upperSnake(String camel) {
        if (!camel.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("not a Strimzi ACL word: '" + camel + "'");
        }
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
