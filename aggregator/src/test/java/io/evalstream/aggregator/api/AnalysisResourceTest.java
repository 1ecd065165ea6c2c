package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.Authorized.given;
import static io.evalstream.reports.Fixtures.benchmarkSettings;
import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.BenchmarkClusters;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ModelInfo;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The analysis endpoints on a real broker: a manifest and grades in, comparisons, spreads and fits out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class AnalysisResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int ITEMS = 40;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /**
     * v1 gets items 0-9 of gsm8k right and 0-29 of mmlu; v2 the reverse. Per benchmark the 20 discordant items
     * all go one way: exact McNemar p = 2 / 2^20 = 1.9073e-6, difference +-0.5.
     */
    @Test
    void comparesTwoModelsPerBenchmarkAndFlagsTheSeesaw() throws Exception {
        String run = "qt-cmp-" + UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(manifestRecord(manifest(run, List.of("v1", "v2"), List.of("gsm8k", "mmlu"), ITEMS)));
        addGrades(records, run, "v1", "gsm8k", "default", 10);
        addGrades(records, run, "v2", "gsm8k", "default", 30);
        addGrades(records, run, "v1", "mmlu", "default", 30);
        addGrades(records, run, "v2", "mmlu", "default", 10);
        String other = "qt-cmp2-" + UUID.randomUUID().toString().substring(0, 8);
        RunManifest plainOther = manifest(other, List.of("v3"), List.of("gsm8k"), ITEMS);
        Map<String, String> passages = new HashMap<>();
        for (int item = 0; item < ITEMS; item++) {
            passages.put("item-" + item, "passage-" + item / 10);
        }
        records.add(manifestRecord(new RunManifest(1, plainOther.spec(), plainOther.expected(),
                plainOther.benchmarkSettings(), plainOther.submittedAt(),
                List.of(new BenchmarkClusters("gsm8k", passages)))));
        addGrades(records, other, "v3", "gsm8k", "default", 30);
        produce(records);
        awaitComplete(run);
        awaitComplete(other);

        JsonPath comparison = given().get("/runs/" + run + "/compare?a=v1&b=v2").then().statusCode(200).extract()
                .jsonPath();
        assertThat(comparison.getMap("a")).containsEntry("runId", run).containsEntry("modelId", "v1");
        assertThat(comparison.getDouble("alpha")).isEqualTo(0.05);
        assertThat(comparison.getList("benchmarks.benchmarkId")).containsExactly("gsm8k", "mmlu");
        assertThat(comparison.getList("benchmarks.direction")).containsExactly("GAIN", "LOSS");
        assertThat(comparison.getMap("benchmarks[0].counts")).containsEntry("bothRight", 10).containsEntry("aOnly", 0)
                .containsEntry("bOnly", 20).containsEntry("neither", 10);
        assertThat(comparison.getMap("benchmarks[0].pairing")).containsEntry("pairs", ITEMS)
                .containsEntry("unpairedA", 0).containsEntry("unpairedB", 0);
        assertThat(comparison.getDouble("benchmarks[0].estimate.difference")).isCloseTo(0.5, within(1e-9));
        assertThat(comparison.getString("benchmarks[0].test.method")).isEqualTo("MCNEMAR_EXACT");
        assertThat(comparison.getDouble("benchmarks[0].test.pValue")).isCloseTo(2.0 / (1 << 20), within(1e-12));
        assertThat(comparison.getBoolean("seesaw.seesaw")).isTrue();
        assertThat(comparison.getList("seesaw.gains.benchmarkId")).containsExactly("gsm8k");
        assertThat(comparison.getList("seesaw.losses.benchmarkId")).containsExactly("mmlu");
        assertThat(comparison.getString("correction")).isEqualTo("HOLM");
        assertThat(comparison.getDouble("benchmarks[0].adjustedPValue")).isCloseTo(2 * 2.0 / (1 << 20), within(1e-12));
        // The verdict is a value inside, written flat as it always was.
        assertThat(comparison.getMap("benchmarks[0]")).containsKeys("adjustedPValue", "significant", "direction")
                .doesNotContainKey("decision");
        assertThat(comparison.getList("benchmarks.significant")).containsExactly(true, true);
        assertThat(comparison.getDouble("benchmarks[0].clustered.difference.mean")).isCloseTo(0.5, within(1e-9));
        assertThat(comparison.getDouble("benchmarks[0].clustered.difference.designEffect")).isCloseTo(1.0,
                within(1e-9));
        assertThat(comparison.getDouble("benchmarks[0].power.minimumDetectable")).isPositive();
        assertThat(comparison.getObject("benchmarks[0].power.itemsNeeded", Long.class)).isNull();

        String markdown = given().get("/runs/" + run + "/compare?a=v1&b=v2&format=markdown").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).startsWith("# v2 (run " + run + ") against v1 (run " + run + ")")
                .contains("- **Significance level:** 0.05 per benchmark; p-values adjusted across benchmarks by Holm"
                        + " 1979 (family-wise error)")
                .contains("- **Verdict:** SEESAW: B gains on gsm8k and loses on mmlu")
                .contains("| gsm8k | " + ITEMS + " | 25.0% | 75.0% | +50.0 \\[+34.5, +65.5\\] | MCNEMAR\\_EXACT |"
                        + " \\<0.0001 | 40 | 8.0 | 8.0 | 1.00 |")
                .contains("| GAIN | 22.4 at 80% power | - |");

        JsonPath sized = given().get("/runs/" + run + "/compare?a=v1&b=v2&correction=bh&power=0.9&difference=0.1"
                + "&cluster=subset").then().statusCode(200).extract().jsonPath();
        assertThat(sized.getString("correction")).isEqualTo("BENJAMINI_HOCHBERG");
        assertThat(sized.getString("clusterBy")).isEqualTo("SUBSET");
        assertThat(sized.getDouble("benchmarks[0].power.power")).isEqualTo(0.9);
        assertThat(sized.getLong("benchmarks[0].power.itemsNeeded")).isPositive();

        JsonPath itself = given().get("/runs/" + run + "/compare?a=v1&b=v1&alpha=0.01").then().statusCode(200)
                .extract().jsonPath();
        assertThat(itself.getBoolean("seesaw.seesaw")).isFalse();
        assertThat(itself.getList("benchmarks.test.pValue", Double.class)).containsExactly(1.0, 1.0);

        JsonPath acrossRuns = given().get("/runs/" + other + "/compare?a=v1&b=v3&baselineRun=" + run).then()
                .statusCode(200).extract().jsonPath();
        assertThat(acrossRuns.getMap("a")).containsEntry("runId", run);
        assertThat(acrossRuns.getMap("b")).containsEntry("runId", other).containsEntry("modelId", "v3");
        assertThat(acrossRuns.getList("benchmarks.direction")).containsExactly("GAIN", "NONE");
        assertThat(acrossRuns.getMap("benchmarks[1].pairing")).containsEntry("pairs", 0)
                .containsEntry("unpairedA", ITEMS);
        assertThat(acrossRuns.getBoolean("seesaw.seesaw")).isFalse();
        // B's run declares four passages of ten items: d = 0 x 10 | 1 x 10 | 1 x 10 | 0 x 10, clustered SE^2 =
        // (10/39 + 4 * 25)/1600.
        assertThat(acrossRuns.getList("declaredClusters")).containsExactly("gsm8k");
        assertThat(acrossRuns.getInt("benchmarks[0].clustered.difference.clusters")).isEqualTo(4);
        assertThat(acrossRuns.getDouble("benchmarks[0].clustered.difference.clusteredSe"))
                .isCloseTo(Math.sqrt((10.0 / 39 + 100) / 1600), within(1e-6));

        given().get("/runs/" + run + "/compare?a=v1").then().statusCode(400)
                .body("error", containsString("'b' is required"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&alpha=0.7").then().statusCode(400)
                .body("error", containsString("(0, 0.5]"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&alpha=lots").then().statusCode(400)
                .body("error", containsString("must be a number"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&correction=bonferroni").then().statusCode(400)
                .body("error", containsString("'correction' must be holm"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&power=1").then().statusCode(400)
                .body("error", containsString("'power'"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&difference=0").then().statusCode(400)
                .body("error", containsString("'difference'"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&format=pdf").then().statusCode(400)
                .body("error", containsString("'format' must be json or markdown"));
        given().get("/runs/" + run + "/compare?a=v1&b=v2&cluster=passage").then().statusCode(400)
                .body("error", containsString("'cluster' must be item"));
        given().get("/runs/" + run + "/compare?a=v1&b=v9").then().statusCode(404)
                .body("error", containsString("no grades of model 'v9'"))
                .body("error", containsString("[v1, v2]"));
        given().get("/runs/never-graded/compare?a=v1&b=v2").then().statusCode(404)
                .body("error", containsString("no grades of run 'never-graded'"));
        given().get("/runs/" + other + "/compare?a=v1&b=v3&baselineRun=bad id").then().statusCode(400)
                .body("error", containsString("baselineRun"));
    }

    /** v1 on gsm8k: default 30/40 = 0.75, terse 10/40 = 0.25; spread 0.5, sd = sqrt(0.125) = 0.3535534. */
    @Test
    void reportsTheSpreadAcrossPromptVariants() throws Exception {
        String run = "qt-var-" + UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        RunManifest plain = manifest(run, List.of("v1"), List.of("gsm8k"), 2 * ITEMS);
        records.add(manifestRecord(new RunManifest(1, plain.spec(), plain.expected(),
                benchmarkSettings(List.of("gsm8k"), List.of("default", "terse")), plain.submittedAt())));
        addGrades(records, run, "v1", "gsm8k", "default", 30);
        addGrades(records, run, "v1", "gsm8k", "terse", 10);
        produce(records);
        awaitComplete(run);

        JsonPath report = given().get("/runs/" + run + "/sensitivity").then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("samples")).isEqualTo(2 * ITEMS);
        assertThat(report.getList("spreads")).hasSize(1);
        assertThat(report.getList("spreads[0].variants.variant")).containsExactly("default", "terse");
        assertThat(report.getList("spreads[0].variants.samples")).containsExactly(ITEMS, ITEMS);
        assertThat(report.getDouble("spreads[0].variants[0].accuracy")).isCloseTo(0.75, within(1e-9));
        assertThat(report.getDouble("spreads[0].spread")).isCloseTo(0.5, within(1e-9));
        // JSON numbers are read back as floats, precise to about 1e-7 near 1.
        assertThat(report.getDouble("spreads[0].stdDev")).isCloseTo(Math.sqrt(0.125), within(1e-6));
        assertThat(report.getString("spreads[0].bestVariant")).isEqualTo("default");
        assertThat(report.getString("spreads[0].worstVariant")).isEqualTo("terse");

        given().get("/runs/never-graded/sensitivity").then().statusCode(404)
                .body("error", containsString("no grades of run 'never-graded'"));
        given().get("/runs/bad id/sensitivity").then().statusCode(400).body("error", containsString("not valid"));
    }

    /**
     * Three llama sizes at 1e21, 1e22, 1e23 FLOPs score 10, 20 and 25 of 40 on gsm8k: losses 0.75, 0.5, 0.375
     * (not an exact power law, so the fit has an error and the prediction an interval).
     */
    @Test
    void fitsAPowerLawAcrossAFamilyAndPredictsALargerMember() throws Exception {
        String run = "qt-scale-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> models = List.of("llama-s", "llama-m", "llama-l", "other");
        RunManifest plain = manifest(run, models, List.of("gsm8k"), ITEMS);
        RunSpec spec = plain.spec();
        Map<String, ModelInfo> info = Map.of("llama-s", new ModelInfo("llama", 1e9, 1e21),
                "llama-m", new ModelInfo("llama", null, 1e22), "llama-l", new ModelInfo("llama", null, 1e23),
                "other", new ModelInfo("gpt", 7e9, null));
        RunManifest withInfo = new RunManifest(1, new RunSpec(run, models, spec.benchmarks(), spec.settings(),
                spec.samplesPerItem()).withModelInfo(info), plain.expected(), plain.benchmarkSettings(), plain.submittedAt());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(manifestRecord(withInfo));
        addGrades(records, run, "llama-s", "gsm8k", "default", 10);
        addGrades(records, run, "llama-m", "gsm8k", "default", 20);
        addGrades(records, run, "llama-l", "gsm8k", "default", 25);
        addGrades(records, run, "other", "gsm8k", "default", 40);
        produce(records);
        awaitComplete(run);

        JsonPath report = given().get("/runs/" + run + "/scaling?family=llama&predict=1e24").then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getString("x")).isEqualTo("trainingFlops");
        assertThat(report.getList("benchmarks.benchmarkId")).containsExactly("gsm8k");
        assertThat(report.getList("benchmarks[0].points.modelId")).containsExactly("llama-s", "llama-m", "llama-l");
        assertThat(report.getList("benchmarks[0].points.loss", Double.class)).containsExactly(0.75, 0.5, 0.375);
        // ln loss against ln x: slope = ln(0.375/0.75) / ln(100) fitted through three points.
        double b = report.getDouble("benchmarks[0].lossFit.b");
        assertThat(b).isBetween(-0.16, -0.14);
        assertThat(report.getInt("benchmarks[0].lossFit.points")).isEqualTo(3);
        assertThat(report.getDouble("benchmarks[0].lossFit.bStdErr")).isPositive();
        double loss = report.getDouble("benchmarks[0].prediction.loss");
        assertThat(loss).isBetween(0.2, 0.375);
        assertThat(report.getDouble("benchmarks[0].prediction.score")).isCloseTo(1 - loss, within(1e-6));
        assertThat(report.getDouble("benchmarks[0].prediction.lossLow")).isLessThan(loss);
        assertThat(report.getDouble("benchmarks[0].prediction.lossHigh")).isGreaterThan(loss);
        assertThat(report.getString("overall.note")).isEqualTo("mean over gsm8k");

        given().get("/runs/" + run + "/scaling?family=llama&x=parameters").then().statusCode(400)
                .body("error", containsString("[llama-l, llama-m] lack it"));
        given().get("/runs/" + run + "/scaling?family=mistral").then().statusCode(404)
                .body("error", containsString("no model of family 'mistral'"))
                .body("error", containsString("[gpt, llama]"));
        given().get("/runs/" + run + "/scaling").then().statusCode(400)
                .body("error", containsString("'family' is required"));
        given().get("/runs/" + run + "/scaling?family=llama&x=tokens").then().statusCode(400)
                .body("error", containsString("'trainingFlops' or 'parameters'"));
        given().get("/runs/" + run + "/scaling?family=llama&predict=-1").then().statusCode(400)
                .body("error", containsString("positive"));
        given().get("/runs/never-submitted/scaling?family=llama").then().statusCode(404)
                .body("error", containsString("no manifest of run 'never-submitted'"));
    }

    /** Items item-0 .. item-39 of one variant, the first {@code correct} right. */
    private static void addGrades(List<ProducerRecord<String, byte[]>> records, String run, String model,
            String benchmark, String variant, int correct) {
        for (int item = 0; item < ITEMS; item++) {
            Grade grade = grade(new TaskId(run, model, benchmark, "item-" + item, variant, 0),
                    item < correct ? Verdict.CORRECT : Verdict.INCORRECT);
            records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(), bytes(grade)));
        }
    }

    private static ProducerRecord<String, byte[]> manifestRecord(RunManifest manifest) {
        return new ProducerRecord<>(Topics.RUNS, manifest.runId(), bytes(manifest));
    }

    private static void awaitComplete(String run) {
        Records.awaitComplete(run, DEADLINE);
    }

    private void produce(List<ProducerRecord<String, byte[]>> records) throws Exception {
        Records.send(bootstrap, records);
    }
}
