package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files under {@code deploy/} checked offline, with the tools that will read them: Prometheus's own checker
 * for the scrape config and alert rules (and the rules' unit tests), TypeScript against {@code @grafana/schema}
 * for the dashboards. Needs no stack.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeployFilesTest {

    private static final Path DEPLOY = StackOptions.defaultHome().resolve("deploy");
    private static final Path PROMETHEUS = DEPLOY.resolve("prometheus");
    private static final Path CHECK = DEPLOY.resolve("grafana/check");
    private static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path brokenDir;
    private static CommandLine.Result brokenCheck;

    @BeforeAll
    static void installTheTypeCheckerAndCheckTheBrokenDashboards() throws Exception {
        DashboardCheck.install(CHECK);
        brokenCheck = checkBrokenDashboards(brokenDir);
    }

    @Test
    void thePrometheusConfigIsValidAndLoadsTheAlertRules() throws Exception {
        CommandLine.Result result = promtool("check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS: 1 rule files found", "4 rules found");
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        CommandLine.Result result = promtool("check", "rules", "alerts.yml");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void theAlertRulesFireWhereTheirUnitTestsExpectAndNowhereElse() throws Exception {
        CommandLine.Result result = promtool("test", "rules", "alerts-test.yml");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS");
    }

    @Test
    void everyDashboardTypeChecksAgainstTheGrafanaSchema() throws Exception {
        CommandLine.Result result = DashboardCheck.run(CHECK);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe())
                .contains("run-overview.json", "model-comparison.json", "operations.json");
    }

    /** Each way to break a panel, the text the type-check's complaint must contain, and the breakage. */
    static Stream<Arguments> brokenDashboards() {
        return Stream.of(
                Arguments.of("unknown-panel-field", "fancyField",
                        (Consumer<ObjectNode>) panel -> panel.put("fancyField", 1)),
                Arguments.of("grid-position-of-the-wrong-type", "not assignable to type 'number'",
                        (Consumer<ObjectNode>) panel -> ((ObjectNode) panel.get("gridPos")).put("w", "wide")),
                Arguments.of("option-value-unknown-to-the-panel-type", "rainbow",
                        (Consumer<ObjectNode>) panel -> ((ObjectNode) panel.get("options")).put("displayMode", "rainbow")),
                Arguments.of("misspelt-option", "orientatoin",
                        (Consumer<ObjectNode>) panel -> ((ObjectNode) panel.get("options")).put("orientatoin", "auto")),
                Arguments.of("panel-type-no-dashboard-uses", "graph",
                        (Consumer<ObjectNode>) panel -> panel.put("type", "graph")),
                Arguments.of("query-on-a-fixed-data-source", "fixed-uid",
                        (Consumer<ObjectNode>) panel -> ((ObjectNode) panel.get("targets").get(0).get("datasource"))
                                .put("uid", "fixed-uid")));
    }

    /**
     * One type-check of all the broken dashboards at once (a compiler run takes seconds); each case then finds
     * its own file's errors in the output.
     */
    private static CommandLine.Result checkBrokenDashboards(Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        for (Arguments arguments : brokenDashboards().toList()) {
            ObjectNode dashboard = (ObjectNode) Json.mapper().readTree(DASHBOARDS.resolve("run-overview.json").toFile());
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> breakIt = (Consumer<ObjectNode>) arguments.get()[2];
            breakIt.accept(firstPanelOfType(dashboard, "bargauge"));
            Path broken = dir.resolve(arguments.get()[0] + ".json");
            Json.mapper().writeValue(broken.toFile(), dashboard);
            files.add(broken.toString());
        }
        return DashboardCheck.run(CHECK, files.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDashboards")
    void theTypeCheckRejectsADashboardWithA(String what, String expected, Consumer<ObjectNode> unused) {
        assertThat(brokenCheck.exitCode()).as(brokenCheck.describe()).isNotZero();
        assertThat(brokenCheck.output().lines().filter(line -> line.startsWith(what + ".json, ")))
                .as(brokenCheck.describe()).anySatisfy(line -> assertThat(line).contains(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboardFiles")
    void everyDashboardFollowsTheConventions(String file) throws IOException {
        JsonNode dashboard = Json.mapper().readTree(DASHBOARDS.resolve(file).toFile());

        assertThat(dashboard.path("uid").asText()).startsWith("evalstream-");
        assertThat(dashboard.path("tags").toString()).isEqualTo("[\"evalstream\"]");
        assertThat(dashboard.path("refresh").asText()).isEqualTo("5s");
        assertThat(dashboard.path("time").path("from").asText()).isEqualTo("now-30m");
        assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(42);
        Map<String, JsonNode> variables = DashboardQueries.variables(dashboard);
        assertThat(variables.get("datasource")).as("the datasource variable").isNotNull();
        assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
        List<String> panelsWithoutQueries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (!Set.of("row", "text").contains(panel.path("type").asText()) && panel.path("targets").isEmpty()) {
                panelsWithoutQueries.add(panel.path("title").asText());
            }
        });
        assertThat(panelsWithoutQueries).as("panels without queries").isEmpty();
    }

    @Test
    void theDashboardsHaveTheirOwnUidsAndTheVariablesTheyQueryBy() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "run-overview.json", List.of("datasource", "run", "model", "benchmark"),
                "model-comparison.json", List.of("datasource", "run", "a", "b", "benchmark"),
                "operations.json", List.of("datasource", "model"));
        List<String> uids = new ArrayList<>();
        for (var entry : expected.entrySet()) {
            JsonNode dashboard = Json.mapper().readTree(DASHBOARDS.resolve(entry.getKey()).toFile());
            uids.add(dashboard.path("uid").asText());
            assertThat(DashboardQueries.variables(dashboard).keySet()).as(entry.getKey())
                    .containsExactlyElementsOf(entry.getValue());
        }
        assertThat(uids).doesNotHaveDuplicates();
        assertThat(dashboardFiles()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            x{run="$run", model=~"$model"} => x{run="r1", model=~"(m1|m2)"}
            x{model="$b", benchmark=~"$benchmark"} - x{model="$a"} => x{model="m2", benchmark=~"(gsm8k|mmlu)"} - x{model="m1"}
            rate(y{run="${run}"}[$__rate_interval]) => rate(y{run="r1"}[1m])
            z{model=~"${model:regex}"} => z{model=~"(m1|m2)"}
            sum(up) => sum(up)
            """)
    void variablesAreReplacedByTheirValuesAndNeverByAShorterNamesValue(String expr, String expected) {
        Map<String, String> values = Map.of("run", "r1", "model", "(m1|m2)", "a", "m1", "b", "m2",
                "benchmark", "(gsm8k|mmlu)", "__rate_interval", "1m");

        assertThat(DashboardQueries.substitute(expr, values)).isEqualTo(expected);
    }

    static List<String> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    private static ObjectNode firstPanelOfType(JsonNode dashboard, String type) {
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals(type)) {
                return (ObjectNode) panel;
            }
        }
        throw new AssertionError("run-overview.json has no " + type + " panel to break");
    }

    private static CommandLine.Result promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = CommandLine.require("promtool", "prometheus");
        String[] command = Stream.concat(Stream.of(promtool.toString()), Stream.of(arguments)).toArray(String[]::new);
        return CommandLine.run(PROMETHEUS, TOOL_TIMEOUT, command);
    }
}
