package io.evalstream.aggregator.streams;

import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unreadable grades go to the dead-letter topic byte for byte, with their source; the stream goes on. */
class DeadLetterTopologyTest extends TopologyHarness {

    static final String TASK = "run-ttd/sim-strong/gsm8k/item-2/default/0";

    static Stream<Arguments> unreadableGrades() {
        String valid = new String(bytes(grade(task(RUN, "sim-strong", "gsm8k", 2), Verdict.CORRECT)),
                StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("not JSON", TASK, "Question: 2+2? The answer is 4", "not a valid JSON Grade"),
                Arguments.of("truncated JSON", TASK, valid.substring(0, valid.length() / 2), "not a valid JSON Grade"),
                Arguments.of("empty value", TASK, "", "empty record"),
                Arguments.of("missing verdict", TASK, valid.replace("\"verdict\":\"CORRECT\",", ""), "'verdict'"),
                Arguments.of("unknown verdict", TASK, valid.replace("\"CORRECT\"", "\"MOSTLY_RIGHT\""), "verdict"),
                Arguments.of("future schema version", TASK, valid.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                        "schemaVersion"),
                Arguments.of("malformed taskId", TASK, valid.replace(TASK, "run-ttd/sim-strong"), "taskId"),
                Arguments.of("key is another task", "run-ttd/sim-strong/gsm8k/item-3/default/0", valid,
                        "is not the grade's taskId"),
                Arguments.of("non-ASCII garbage", null, "\u00ff\u00fe{ \"verdict\": \u0130 }", "not a valid JSON Grade"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableGrades")
    void anUnreadableGradeIsDeadLetteredWithItsBytesAndSourceAndTheStreamGoesOn(String name, String key, String value,
            String reasonFragment) {
        send(task(RUN, "sim-strong", "gsm8k", 1), Verdict.CORRECT);
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        grades.pipeInput(key, raw, tick());
        send(task(RUN, "sim-strong", "gsm8k", 4), Verdict.INCORRECT);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(raw);
        Headers headers = dead.headers();
        assertThat(text(headers.lastHeader(DeadLetter.REASON))).contains(reasonFragment);
        assertThat(text(headers.lastHeader(DeadLetter.TOPIC))).isEqualTo(Topics.GRADES);
        assertThat(text(headers.lastHeader(DeadLetter.PARTITION))).isEqualTo("0");
        assertThat(text(headers.lastHeader(DeadLetter.OFFSET))).isEqualTo("1");
        assertThat(count(StreamCount.GRADES_DEAD_LETTERED)).isEqualTo(1);
        assertThat(count(StreamCount.GRADES_READ)).isEqualTo(2);
        assertThat(latestScores().get(STRONG))
                .extracting(score -> score.graded(), score -> score.counts().correct(), score -> score.counts().incorrect())
                .containsExactly(2L, 1L, 1L);
    }

    /** The grade reader checks against the global store as it is now, not against what it saw first. */
    @Test
    void aGradeIsCheckedAgainstTheRunsManifestAsReplacedSince() {
        runs.pipeInput(RUN, bytes(manifest(RUN, List.of("sim-strong"), List.of("gsm8k"), 4)), tick());
        send(task(RUN, "sim-weak", "gsm8k", 1), Verdict.CORRECT);
        assertThat(text(deadLetters.readRecord().headers().lastHeader(DeadLetter.REASON)))
                .contains("model 'sim-weak' is not in the run's manifest");

        runs.pipeInput(RUN, bytes(manifest(RUN, List.of("sim-strong", "sim-weak"), List.of("gsm8k"), 4)), tick());
        send(task(RUN, "sim-weak", "gsm8k", 1), Verdict.CORRECT);
        runs.pipeInput(RUN, null, tick());
        send(task(RUN, "sim-other", "gsm8k", 1), Verdict.CORRECT);

        assertThat(latestScores()).containsOnlyKeys(WEAK, RUN + "/sim-other/gsm8k");
        assertThat(count(StreamCount.GRADES_DEAD_LETTERED)).isEqualTo(1);
        assertThat(count(StreamCount.GRADES_READ)).isEqualTo(2);
    }

    private static String text(Header header) {
        assertThat(header).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
