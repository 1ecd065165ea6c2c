package io.evalstream.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Lane;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.CostSum;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.GradingSpan;
import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.Moments;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.SampleOrigin;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Tally;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stores' state as the release before values wrote it (captured from that code: for tallies a judged cell with an
 * error, a cell with two scorers, a cell scored by likelihood, and their sum; for samples judged, failed, scored by
 * several scorers, by likelihood, and one with every field) reads into today's values and is written back byte for
 * byte, so a running deployment's changelogs and repartition topics survive the upgrade.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StateJsonTest {

    static final String EMPTY = """
            {"graded":0,"correct":0,"incorrect":0,"noAnswer":0,"errors":0,"scoreSum":0.0,"scoreSquareSum":0.0,\
            "judged":0,"dimensions":{},"errorKinds":{},"latency":{"buckets":{}},"promptTokens":0,"completionTokens":0,\
            "errorReasons":{},"likelihood":{"measured":0,"normCorrect":0,"nanoNats":0,"bytes":0,"tokens":0},\
            "byChoice":0,"cost":{"nanoUsd":0,"priced":0,"unpriced":0},"scorers":{}}""";
    static final String JUDGED = """
            {"graded":2,"correct":0,"incorrect":0,"noAnswer":0,"errors":1,"scoreSum":0.6,"scoreSquareSum":0.36,\
            "category":"WRITING","settingsHash":"h1","judged":1,"dimensions":{"creativity":{"n":1,"sum":5.0,\
            "squareSum":25.0},"grammar":{"n":1,"sum":8.0,"squareSum":64.0}},"errorKinds":{"TIMEOUT":1},\
            "latency":{"buckets":{"55":1,"63":1}},"promptTokens":40,"completionTokens":12,\
            "firstGradedAt":1764000000000,"lastGradedAt":1764000001000,"errorReasons":{"TIMEOUT":"read timed out"},\
            "likelihood":{"measured":0,"normCorrect":0,"nanoNats":0,"bytes":0,"tokens":0},"byChoice":0,\
            "cost":{"nanoUsd":1200000,"priced":1,"unpriced":1},"scorers":{}}""";
    static final String SCORERS = """
            {"graded":1,"correct":1,"incorrect":0,"noAnswer":0,"errors":0,"scoreSum":1.0,"scoreSquareSum":1.0,\
            "category":"MATH","settingsHash":"h2","judged":0,"dimensions":{},"errorKinds":{},\
            "latency":{"buckets":{"50":1}},"promptTokens":100,"completionTokens":20,"firstGradedAt":1764000002000,\
            "lastGradedAt":1764000002000,"errorReasons":{},"likelihood":{"measured":0,"normCorrect":0,"nanoNats":0,\
            "bytes":0,"tokens":0},"byChoice":0,"cost":{"nanoUsd":500000000,"priced":1,"unpriced":0},\
            "scorers":{"flexible":{"position":0,"graded":1,"correct":1,"scoreSum":1.0,"scoreSquareSum":1.0},\
            "strict":{"position":1,"graded":1,"correct":0,"scoreSum":0.0,"scoreSquareSum":0.0}}}""";
    static final String LIKELIHOOD = """
            {"graded":2,"correct":1,"incorrect":0,"noAnswer":0,"errors":0,"scoreSum":1.0,"scoreSquareSum":1.0,\
            "category":"KNOWLEDGE","settingsHash":"h4","judged":0,"dimensions":{},"errorKinds":{},\
            "latency":{"buckets":{"39":1,"78":1}},"promptTokens":300,"completionTokens":0,\
            "firstGradedAt":1764000003000,"lastGradedAt":1764000004000,"errorReasons":{},\
            "likelihood":{"measured":1,"normCorrect":1,"nanoNats":-123456789,"bytes":512,"tokens":130},\
            "byChoice":1,"cost":{"nanoUsd":0,"priced":0,"unpriced":2},"scorers":{}}""";
    static final String SUM = """
            {"graded":5,"correct":2,"incorrect":0,"noAnswer":0,"errors":1,"scoreSum":2.6,"scoreSquareSum":2.36,\
            "judged":1,"dimensions":{"creativity":{"n":1,"sum":5.0,"squareSum":25.0},"grammar":{"n":1,"sum":8.0,\
            "squareSum":64.0}},"errorKinds":{"TIMEOUT":1},"latency":{"buckets":{"39":1,"50":1,"55":1,"63":1,\
            "78":1}},"promptTokens":440,"completionTokens":32,"firstGradedAt":1764000000000,\
            "lastGradedAt":1764000004000,"errorReasons":{"TIMEOUT":"read timed out"},"likelihood":{"measured":1,\
            "normCorrect":1,"nanoNats":-123456789,"bytes":512,"tokens":130},"byChoice":1,"cost":{"nanoUsd":501200000,\
            "priced":2,"unpriced":3},"scorers":{"flexible":{"position":0,"graded":1,"correct":1,"scoreSum":1.0,\
            "scoreSquareSum":1.0},"strict":{"position":1,"graded":1,"correct":0,"scoreSum":0.0,\
            "scoreSquareSum":0.0}}}""";

    static Stream<String> talliesWrittenBefore() {
        return Stream.of(EMPTY, JUDGED, SCORERS, LIKELIHOOD, SUM);
    }

    @ParameterizedTest
    @MethodSource("talliesWrittenBefore")
    void aTallyWrittenByTheReleaseBeforeReadsAndIsWrittenBackByteForByte(String before) throws Exception {
        Tally read = read(before);

        assertThat(new String(write(read), StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(read(write(read))).isEqualTo(read);
    }

    @Test
    void eachFieldLandsInItsValue() {
        Tally judged = read(JUDGED);
        Tally likelihood = read(LIKELIHOOD);

        assertThat(judged.counts()).isEqualTo(new VerdictCounts(0, 0, 0, 1, 1));
        assertThat(judged.sums()).isEqualTo(new ScoreSums(0.6, 0.36));
        assertThat(judged.category()).isEqualTo(Category.WRITING);
        assertThat(judged.settingsHash()).isEqualTo("h1");
        assertThat(judged.span()).isEqualTo(new GradingSpan(1764000000000L, 1764000001000L));
        assertThat(judged.errorCounts().reasons()).containsExactly(Map.entry(ErrorKind.TIMEOUT, "read timed out"));
        assertThat(judged.errorKinds()).containsExactly(Map.entry(ErrorKind.TIMEOUT, 1L));
        assertThat(judged.tokens()).isEqualTo(new TokenUsage(40, 12));
        assertThat(judged.calls().cost()).isEqualTo(new CostSum(1_200_000, 1, 1));
        assertThat(judged.dimensions()).containsEntry("grammar", new Moments(1, 8.0, 64.0));
        assertThat(likelihood.detail().likelihood()).isEqualTo(new LikelihoodSums(1, 1, -123456789, 512, 130));
        assertThat(likelihood.detail().byChoice()).isEqualTo(1);
        assertThat(read(SCORERS).scorerScores()).hasSize(2);
        assertThat(judged.plus(read(SCORERS)).plus(likelihood)).isEqualTo(read(SUM));
    }

    /** The reader is not generated from the values, so a field a value gains must be read by hand: this finds one. */
    @Test
    void everyFieldWrittenIsRead() throws Exception {
        ObjectNode every = (ObjectNode) tree(SUM);
        every.put("incorrect", 1).put("noAnswer", 1).put("graded", 7).put("category", "MATH").put("settingsHash", "h");
        Tally full = read(every.toString());
        ObjectNode written = (ObjectNode) tree(write(full));
        List<String> ignored = new ArrayList<>();
        for (String field : (Iterable<String>) () -> written.fieldNames()) {
            ObjectNode without = written.deepCopy();
            without.remove(field);
            try {
                if (read(without.toString()).equals(full)) {
                    ignored.add(field);
                }
            } catch (SerializationException refused) {
                // a count the others must add up to: missing, it is noticed
            }
        }
        assertThat(ignored).isEmpty();
        assertThat(written.size()).isEqualTo(22);
    }

    @Test
    void aTallyOfTheWrongTypeIsRefusedWithTheField() {
        String wrong = EMPTY.replace("\"correct\":0", "\"correct\":\"0\"");

        assertThatThrownBy(() -> read(wrong)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid Tally: field 'correct' has the wrong type");
    }

    static final String SAMPLE_JUDGED = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"JUDGED","score":0.6,"category":"WRITING",\
            "settingsHash":"h1","subset":{"id":"astronomy","group":"stem"},"judgeScores":{"creativity":5.0,\
            "grammar":8.0},"labels":{"age_group":"A"},"latencyMillis":120,"usage":{"promptTokens":40,\
            "completionTokens":12},"gradedAtMillis":1764000000000,"source":{"partition":2,"offset":17},\
            "spend":{"usd":0.0012,"lane":"STANDARD"}}""";
    static final String SAMPLE_TIMEOUT = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"ERROR","score":0.0,"category":"WRITING",\
            "settingsHash":"h1","errorKind":"TIMEOUT","latencyMillis":250,"gradedAtMillis":1764000001000,\
            "errorReason":"read timed out","spend":{"lane":"STANDARD"}}""";
    static final String SAMPLE_SCORERS = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"CORRECT","score":1.0,"category":"MATH",\
            "settingsHash":"h2","latencyMillis":80,"usage":{"promptTokens":100,"completionTokens":20,\
            "cachedPromptTokens":30},"gradedAtMillis":1764000002000,"source":{"partition":0,"offset":5},\
            "spend":{"usd":0.5,"lane":"BATCH"},"scores":[{"scorer":"flexible","verdict":"CORRECT","score":1.0},\
            {"scorer":"strict","verdict":"INCORRECT","score":0.0}]}""";
    static final String SAMPLE_MEASURED = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"MEASURED","score":0.0,"category":"COMPREHENSION",\
            "settingsHash":"h3","latencyMillis":900,"usage":{"promptTokens":300,"completionTokens":0},\
            "gradedAtMillis":1764000003000,"likelihood":{"measured":1,"normCorrect":0,"nanoNats":-123456789,\
            "bytes":512,"tokens":130}}""";
    /** Every field a sample can write, captured from main's record (no real grade has them all). */
    static final String SAMPLE_EVERY_FIELD = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"JUDGED","score":0.6,"category":"WRITING",\
            "settingsHash":"h1","subset":{"id":"astronomy","group":"stem"},"judgeScores":{"consistency":7.5,\
            "creativity":5.0,"grammar":8.0},"labels":{"age_group":"B: 4-5","genre":"fable"},"errorKind":"TIMEOUT",\
            "latencyMillis":120,"usage":{"promptTokens":100,"completionTokens":20,"cachedPromptTokens":30},\
            "gradedAtMillis":1764000000000,"source":{"partition":2,"offset":17},\
            "errorReason":"judge \\"timed\\" out: é\\n","likelihood":{"measured":0,"normCorrect":1,"nanoNats":0,\
            "bytes":0,"tokens":0},"spend":{"usd":0.0012,"lane":"STANDARD"},"scores":[{"scorer":"flexible",\
            "verdict":"CORRECT","score":1.0},{"scorer":"strict","verdict":"INCORRECT","score":0.0}]}""";
    static final String SAMPLE_CHOICE = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"CORRECT","score":1.0,"category":"KNOWLEDGE",\
            "settingsHash":"h6","subset":{"id":"astronomy","group":"stem"},"latencyMillis":45,\
            "usage":{"promptTokens":300,"completionTokens":0},"gradedAtMillis":1764000006000,\
            "source":{"partition":3,"offset":40},"likelihood":{"measured":0,"normCorrect":1,"nanoNats":0,"bytes":0,\
            "tokens":0},"spend":{"usd":0.0,"lane":"STANDARD"},"scores":[{"scorer":"flexible","verdict":"CORRECT",\
            "score":1.0},{"scorer":"strict","verdict":"INCORRECT","score":0.0}]}""";
    static final String SAMPLE_UNGRADABLE = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"ERROR","score":0.0,"category":"CODING","settingsHash":"h5",\
            "errorKind":"UNGRADABLE","latencyMillis":0,"gradedAtMillis":1764000005000,"source":{"partition":1,\
            "offset":9},"errorReason":"no sandbox: bwrap missing"}""";
    static final String SAMPLE_PLAIN = """
            {"cell":"run-s/sim-strong/gsm8k","verdict":"CORRECT","score":1.0,"category":"MATH","settingsHash":"h2",\
            "latencyMillis":80,"usage":{"promptTokens":100,"completionTokens":20},"gradedAtMillis":1764000002000,\
            "source":{"partition":0,"offset":5}}""";

    static Stream<String> samplesWrittenBefore() {
        return Stream.of(SAMPLE_JUDGED, SAMPLE_TIMEOUT, SAMPLE_SCORERS, SAMPLE_MEASURED, SAMPLE_EVERY_FIELD,
                SAMPLE_CHOICE, SAMPLE_UNGRADABLE, SAMPLE_PLAIN);
    }

    @ParameterizedTest
    @MethodSource("samplesWrittenBefore")
    void aSampleWrittenByTheReleaseBeforeReadsAndIsWrittenBackByteForByte(String before) {
        GradedSample read = readSample(bytes(before));
        byte[] written = writeSample(read);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(readSample(written)).isEqualTo(read);
    }

    @Test
    void eachSampleFieldLandsInItsValue() {
        GradedSample every = readSample(bytes(SAMPLE_EVERY_FIELD));

        assertThat(every.cell()).isEqualTo(new ScoreKey("run-s", "sim-strong", "gsm8k"));
        assertThat(every.verdict()).isEqualTo(Verdict.JUDGED);
        assertThat(every.score()).isEqualTo(0.6);
        assertThat(every.setup()).isEqualTo(new CellLabels(Category.WRITING, "h1"));
        assertThat(every.subset()).isEqualTo(new Subset("astronomy", "stem"));
        assertThat(every.call()).isEqualTo(new SampleCall(120L, new TokenUsage(100, 20, 30L),
                new Spend(0.0012, Lane.STANDARD), ErrorKind.TIMEOUT, "judge \"timed\" out: \u00e9\n"));
        assertThat(every.origin()).isEqualTo(new SampleOrigin(1764000000000L, new SourcePosition(2, 17)));
        assertThat(every.detail()).isEqualTo(new SampleDetail(
                Map.of("consistency", 7.5, "creativity", 5.0, "grammar", 8.0),
                Map.of("age_group", "B: 4-5", "genre", "fable"), new LikelihoodSums(0, 1, 0, 0, 0),
                List.of(new ScorerVerdict("flexible", Verdict.CORRECT, 1.0, null),
                        new ScorerVerdict("strict", Verdict.INCORRECT, 0.0, null))));
    }

    /** As {@link #everyFieldWrittenIsRead()}, for the sample's reader. */
    @Test
    void everySampleFieldWrittenIsRead() throws Exception {
        GradedSample full = readSample(bytes(SAMPLE_EVERY_FIELD));
        ObjectNode written = (ObjectNode) tree(writeSample(full));
        List<String> ignored = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (String field : (Iterable<String>) () -> written.fieldNames()) {
            ObjectNode without = written.deepCopy();
            without.remove(field);
            try {
                if (readSample(bytes(without.toString())).equals(full)) {
                    ignored.add(field);
                }
            } catch (SerializationException refused) {
                required.add(field);
            }
        }
        assertThat(ignored).isEmpty();
        assertThat(required).containsExactly("cell", "verdict", "score", "category", "settingsHash");
        assertThat(written.size()).isEqualTo(17);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            "latencyMillis":120 | "latencyMillis":"120" | invalid GradedSample: field 'latencyMillis' has the wrong type
            "score":0.6         | "score":"0.6"         | invalid GradedSample: field 'score' has the wrong type
            "errorKind":"TIMEOUT" | "errorKind":"LATE"  | invalid GradedSample: field 'errorKind' has value LATE
            "cell":"run-s/sim-strong/gsm8k", |          | invalid GradedSample: field 'cell' is required but missing
            "score":0.6         | "score":1.5           | invalid GradedSample: a sample's score must be in [0, 1], got
            """)
    void aSampleThatIsWrongIsRefusedSayingWhatToFix(String field, String wrong, String message) {
        String json = SAMPLE_EVERY_FIELD.replace(field, wrong == null ? "" : wrong);

        assertThat(json).isNotEqualTo(SAMPLE_EVERY_FIELD);
        assertThatThrownBy(() -> readSample(bytes(json))).isInstanceOf(SerializationException.class)
                .hasMessageContaining(message);
    }

    private static GradedSample readSample(byte[] json) {
        return ScoreTopology.SAMPLES.deserializer().deserialize("t", json);
    }

    private static byte[] writeSample(GradedSample sample) {
        return ScoreTopology.SAMPLES.serializer().serialize("t", sample);
    }

    private static Tally read(String json) {
        return read(bytes(json));
    }

    private static Tally read(byte[] json) {
        return ScoreTopology.TALLY_JSON.deserializer().deserialize("t", json);
    }

    private static byte[] write(Tally tally) {
        return ScoreTopology.TALLY_JSON.serializer().serialize("t", tally);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    private static JsonNode tree(byte[] json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
