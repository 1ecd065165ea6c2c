package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class KafkaAccessTest {

    private static final Set<AclOperation> WRITING = Set.of(AclOperation.WRITE, AclOperation.ALL);

    @Test
    void onlyTheGraderWritesGrades() {
        assertThat(writers(Topics.GRADES)).containsExactly(KafkaAccess.GRADER.principal());
    }

    @ParameterizedTest(name = "{0} is written by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            evalstream.runs        | User:evalstream-prompt-producer
            evalstream.tasks       | User:evalstream-prompt-producer, User:evalstream-grader, User:evalstream-push
            evalstream.completions | User:evalstream-model-worker, User:evalstream-prompt-producer
            evalstream.grades      | User:evalstream-grader
            evalstream.metrics     | User:evalstream-aggregator
            """)
    void eachTopicHasTheWritersTheDesignNames(String topic, String principals) {
        assertThat(writers(topic)).containsExactlyInAnyOrderElementsOf(List.of(principals.split(",\\s*")));
    }

    @Test
    void thePushUserWritesTasksAndNothingElse() {
        assertThat(KafkaAccess.PUSH.bindings()).singleElement().satisfies(binding -> {
            assertThat(binding.pattern().name()).isEqualTo(Topics.TASKS);
            assertThat(binding.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(binding.entry().operation()).isEqualTo(AclOperation.WRITE);
        });
    }

    @Test
    void theAutoscalerOnlyDescribes() {
        assertThat(KafkaAccess.AUTOSCALER.bindings()).isNotEmpty()
                .allSatisfy(binding -> assertThat(binding.entry().operation()).isEqualTo(AclOperation.DESCRIBE));
    }

    @Test
    void everyServiceMayDeadLetterAndNoPrefixReachesAPipelineTopic() {
        for (KafkaAccess service : List.of(KafkaAccess.PROMPT_PRODUCER, KafkaAccess.MODEL_WORKER, KafkaAccess.GRADER,
                KafkaAccess.AGGREGATOR)) {
            assertThat(service.bindings()).as(service.who()).anyMatch(binding -> binding.pattern().name()
                    .equals(Topics.DLQ) && binding.entry().operation() == AclOperation.WRITE);
        }
        List<String> prefixes = KafkaAccess.allBindings().stream()
                .filter(binding -> binding.pattern().patternType() == PatternType.PREFIXED)
                .map(binding -> binding.pattern().name()).distinct().toList();
        assertThat(prefixes).containsExactly(KafkaAccess.Groups.AGGREGATOR);
        assertThat(Topics.ALL).noneMatch(topic -> prefixes.stream().anyMatch(topic.name()::startsWith));
    }

    @Test
    void identitiesAreDistinct() {
        assertThat(Set.of(KafkaAccess.values()).stream().map(KafkaAccess::user).collect(Collectors.toSet()))
                .hasSize(KafkaAccess.values().length);
    }

    @Test
    void theReadmeShowsTheTableThatIsApplied() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String start = "<!-- acl-table: generated from contracts KafkaAccess.markdownTable(); edit there -->\n";
        String end = "<!-- /acl-table -->";
        assertThat(readme).contains(start, end);
        String shown = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));

        assertThat(shown).isEqualTo(KafkaAccess.markdownTable());
    }

    private static List<String> writers(String topic) {
        return KafkaAccess.allBindings().stream()
                .filter(binding -> binding.pattern().resourceType() == ResourceType.TOPIC)
                .filter(binding -> matches(binding, topic))
                .filter(binding -> WRITING.contains(binding.entry().operation()))
                .map(binding -> binding.entry().principal()).distinct().toList();
    }

    private static boolean matches(AclBinding binding, String topic) {
        return binding.pattern().patternType() == PatternType.PREFIXED
                ? topic.startsWith(binding.pattern().name()) : topic.equals(binding.pattern().name());
    }
}
