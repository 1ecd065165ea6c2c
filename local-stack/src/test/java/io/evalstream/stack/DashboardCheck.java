package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** The dashboards' type-check ({@code deploy/grafana/check}): its npm packages, and running it. */
final class DashboardCheck {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);

    private DashboardCheck() {
    }

    /** {@code npm ci} unless node_modules already holds exactly the pinned versions. */
    static void install(Path check) throws IOException, InterruptedException {
        CommandLine.require("node", "nodejs");
        Path npm = CommandLine.require("npm", "npm");
        if (installed(check)) {
            return;
        }
        CommandLine.Result result = CommandLine.run(check, INSTALL_TIMEOUT, npm.toString(), "ci", "--no-audit",
                "--no-fund");
        if (result.exitCode() != 0 || !installed(check)) {
            throw new AssertionError("cannot install the dashboard type-check's packages: " + result.describe());
        }
    }

    /**
     * Type-checks the given dashboard files, or every dashboard under {@code deploy/grafana/dashboards} when
     * none are given.
     */
    static CommandLine.Result run(Path check, String... dashboards) throws IOException, InterruptedException {
        Path node = CommandLine.require("node", "nodejs");
        String[] command = Stream.concat(Stream.of(node.toString(), "check.mjs"), Stream.of(dashboards))
                .toArray(String[]::new);
        return CommandLine.run(check, CHECK_TIMEOUT, command);
    }

    private static boolean installed(Path check) throws IOException {
        JsonNode pins = Json.mapper().readTree(check.resolve("package.json").toFile()).path("devDependencies");
        for (Iterator<Map.Entry<String, JsonNode>> it = pins.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pin = it.next();
            Path manifest = check.resolve("node_modules").resolve(pin.getKey()).resolve("package.json");
            if (!Files.isRegularFile(manifest)
                    || !Json.mapper().readTree(manifest.toFile()).path("version").asText().equals(pin.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
