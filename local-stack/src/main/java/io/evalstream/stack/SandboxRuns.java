package io.evalstream.stack;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the grader's code sandbox really did, read from its {@code evalstream_code_executions_total{status}} counters,
 * so the demo states what ran instead of what was meant to run.
 *
 * @param byStatus programs per execution status (PASSED, FAILED, TIMED_OUT, OUTPUT_LIMIT, REFUSED, SANDBOX_ERROR)
 */
record SandboxRuns(Map<String, Long> byStatus) {

    private static final Pattern COUNTER = Pattern.compile(
            "^evalstream_code_executions_total\\{[^}]*status=\"([A-Z_]+)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    /** The statuses of a program that ran, in the order a reader expects them. */
    private static final List<String> RAN = List.of("PASSED", "FAILED", "TIMED_OUT", "OUTPUT_LIMIT");

    SandboxRuns {
        byStatus = Map.copyOf(byStatus);
    }

    /** The counters in a Prometheus text exposition (the grader's {@code /q/metrics}). */
    static SandboxRuns parse(String metrics) {
        Map<String, Long> byStatus = new TreeMap<>();
        Matcher counter = COUNTER.matcher(metrics);
        while (counter.find()) {
            byStatus.merge(counter.group(1), (long) Double.parseDouble(counter.group(2)), Long::sum);
        }
        return new SandboxRuns(byStatus);
    }

    /** What happened between {@code before} and this reading. */
    SandboxRuns since(SandboxRuns before) {
        Map<String, Long> delta = new TreeMap<>();
        byStatus.forEach((status, count) -> {
            long added = count - before.byStatus.getOrDefault(status, 0L);
            if (added > 0) {
                delta.put(status, added);
            }
        });
        return new SandboxRuns(delta);
    }

    /** One sentence for the demo, e.g. {@code 18 programs ran in the sandbox: 6 passed, 12 failed.} */
    String describe() {
        long refused = count("REFUSED") + count("SANDBOX_ERROR");
        long ran = RAN.stream().mapToLong(this::count).sum();
        if (ran == 0 && refused == 0) {
            return "No program was run in the grader's code sandbox.";
        }
        StringBuilder text = new StringBuilder();
        if (ran > 0) {
            text.append(String.format(Locale.ROOT, "%d program%s ran with their tests in the grader's sandbox: %s.",
                    ran, ran == 1 ? "" : "s", outcomes()));
        }
        if (refused > 0) {
            text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "The sandbox could not run %d"
                    + " program%s (counted as UNGRADABLE errors; logs/grader-service.log says why).", refused,
                    refused == 1 ? "" : "s"));
        }
        return text.toString();
    }

    private String outcomes() {
        StringBuilder text = new StringBuilder();
        for (String status : RAN) {
            if (count(status) > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(count(status)).append(' ')
                        .append(status.toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return text.toString();
    }

    private long count(String status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
