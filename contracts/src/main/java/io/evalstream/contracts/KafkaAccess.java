package io.evalstream.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a secured broker: one identity per service and one for people pushing tasks, each with the
 * least it needs. This is the single source of the ACLs: the secure local stack applies {@link #bindings()}, the
 * README's table is {@link #markdownTable()}, and the Strimzi {@code KafkaUser} manifests are checked against it.
 * Nobody but the grader writes {@value Topics#GRADES}, so a score cannot be forged by another service's credentials.
 */
public enum KafkaAccess {

    PROMPT_PRODUCER("evalstream-prompt-producer", "prompt-producer", List.of(
            Grant.topic(Topics.RUNS, AclOperation.WRITE),
            Grant.topic(Topics.TASKS, AclOperation.WRITE),
            // Completions made elsewhere (POST /completions) go where a worker's would.
            Grant.topic(Topics.COMPLETIONS, AclOperation.WRITE),
            Grant.topic(Topics.DLQ, AclOperation.WRITE))),

    MODEL_WORKER("evalstream-model-worker", "model-worker", List.of(
            Grant.topic(Topics.TASKS, AclOperation.READ),
            Grant.group(Groups.WORKER, AclOperation.READ),
            // RunDirectory reads every manifest without a group.
            Grant.topic(Topics.RUNS, AclOperation.READ),
            // StopDirectory likewise reads every early-stop decision.
            Grant.topic(Topics.STOPS, AclOperation.READ),
            // The batch lane records its batches in flight and reads them back to resume them.
            Grant.topic(Topics.BATCHES, AclOperation.WRITE, AclOperation.READ),
            // Budgets: each worker writes its own spend per run and model and reads every other's.
            Grant.topic(Topics.SPEND, AclOperation.READ, AclOperation.WRITE),
            Grant.topic(Topics.COMPLETIONS, AclOperation.WRITE),
            Grant.topic(Topics.DLQ, AclOperation.WRITE))),

    GRADER("evalstream-grader", "grader-service", List.of(
            Grant.topic(Topics.COMPLETIONS, AclOperation.READ),
            Grant.group(Groups.GRADER, AclOperation.READ),
            Grant.topic(Topics.RUNS, AclOperation.READ),
            // A regrade reads the run's earlier grades back, without a group, to say what changed.
            Grant.topic(Topics.GRADES, AclOperation.WRITE, AclOperation.READ),
            // Judge tasks go to the workers like any other task.
            Grant.topic(Topics.TASKS, AclOperation.WRITE),
            Grant.topic(Topics.DLQ, AclOperation.WRITE))),

    AGGREGATOR("evalstream-aggregator", "aggregator", List.of(
            Grant.topic(Topics.GRADES, AclOperation.READ),
            // The per-sample export reads the prompt and text of the completions grades point at (Read implies the
            // Describe the consumer-lag gauges need).
            Grant.topic(Topics.COMPLETIONS, AclOperation.READ),
            Grant.topic(Topics.RUNS, AclOperation.READ),
            Grant.topic(Topics.METRICS, AclOperation.WRITE),
            // The leading instance writes early-stop decisions and reads them back to write each once.
            Grant.topic(Topics.STOPS, AclOperation.WRITE, AclOperation.READ),
            Grant.topic(Topics.DLQ, AclOperation.WRITE),
            // Kafka Streams' changelog and repartition topics, consumer groups and exactly-once transactions all
            // carry the application id as their prefix.
            Grant.prefixed(ResourceType.TOPIC, Groups.AGGREGATOR, AclOperation.ALL),
            Grant.prefixed(ResourceType.GROUP, Groups.AGGREGATOR, AclOperation.READ),
            Grant.prefixed(ResourceType.TRANSACTIONAL_ID, Groups.AGGREGATOR, AclOperation.WRITE,
                    AclOperation.DESCRIBE),
            // Consumer-lag gauges: end offsets of the pipeline's topics and the other services' committed offsets.
            Grant.topic(Topics.TASKS, AclOperation.DESCRIBE),
            Grant.group(Groups.WORKER, AclOperation.DESCRIBE),
            Grant.group(Groups.GRADER, AclOperation.DESCRIBE))),

    PUSH("evalstream-push", "evalctl push", List.of(
            Grant.topic(Topics.TASKS, AclOperation.WRITE))),

    /**
     * The autoscaler (KEDA's Kafka scaler) reads the workers' lag and nothing else: with the workers' own login it
     * could take their tasks or write completions, and so change scores.
     */
    AUTOSCALER("evalstream-autoscaler", "worker autoscaler (KEDA)", List.of(
            Grant.topic(Topics.TASKS, AclOperation.DESCRIBE),
            Grant.group(Groups.WORKER, AclOperation.DESCRIBE)));

    /** The consumer groups and the aggregator's application id, which its groups and internal topics start with. */
    public static final class Groups {
        public static final String WORKER = "evalstream-worker";
        public static final String GRADER = "evalstream-grader";
        public static final String AGGREGATOR = "evalstream-aggregator";

        private Groups() {
        }
    }

    /** Operations on one resource, by literal name or by prefix. */
    public record Grant(ResourceType type, String name, PatternType pattern, Set<AclOperation> operations) {

        public Grant {
            operations = Set.copyOf(operations);
        }

        static Grant topic(String name, AclOperation... operations) {
            return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, Set.of(operations));
        }

        static Grant group(String name, AclOperation... operations) {
            return new Grant(ResourceType.GROUP, name, PatternType.LITERAL, Set.of(operations));
        }

        static Grant prefixed(ResourceType type, String prefix, AclOperation... operations) {
            return new Grant(type, prefix, PatternType.PREFIXED, Set.of(operations));
        }

        /** As the README shows it, operations in a stable order: {@code Write}, {@code Read, Describe}. */
        String operationNames() {
            return operations.stream().sorted().map(KafkaAccess::title).reduce((a, b) -> a + ", " + b).orElseThrow();
        }
    }

    private final String user;
    private final String who;
    private final List<Grant> grants;

    KafkaAccess(String user, String who, List<Grant> grants) {
        this.user = user;
        this.who = who;
        this.grants = List.copyOf(grants);
    }

    /** The user name (SCRAM) or certificate CN (mTLS) this identity authenticates as. */
    public String user() {
        return user;
    }

    /** The principal ACLs name: {@code User:<user>}. */
    public String principal() {
        return "User:" + user;
    }

    /** The service or tool that uses this identity. */
    public String who() {
        return who;
    }

    public List<Grant> grants() {
        return grants;
    }

    /** This identity's ACLs: allow, from any host. Anything not listed is denied by the authorizer. */
    public List<AclBinding> bindings() {
        List<AclBinding> result = new ArrayList<>();
        for (Grant grant : grants) {
            for (AclOperation operation : grant.operations()) {
                result.add(new AclBinding(new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
                        new AccessControlEntry(principal(), "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return result;
    }

    /** Every identity's ACLs. */
    public static List<AclBinding> allBindings() {
        return List.of(values()).stream().flatMap(access -> access.bindings().stream()).toList();
    }

    /** The table the README shows between its {@code acl-table} markers; a test keeps the two equal. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| Principal | Used by | Resource | Operations |\n|---|---|---|---|\n");
        for (KafkaAccess access : values()) {
            for (Grant grant : access.grants) {
                out.append("| `").append(access.principal()).append("` | ").append(access.who).append(" | ")
                        .append(title(grant.type())).append(" `").append(grant.name())
                        .append(grant.pattern() == PatternType.PREFIXED ? "*` (prefix)" : "`").append(" | ")
                        .append(grant.operationNames()).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String title(Enum<?> value) {
        StringBuilder out = new StringBuilder();
        for (String word : value.name().toLowerCase(java.util.Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
