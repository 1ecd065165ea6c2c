package io.evalstream.grader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.CodeCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs {@link CodePrograms#humanEval} builds for all 164 HumanEval problems, run with the local python3:
 * the canonical solution passes both as a continuation of the prompt and as a chat model's fenced rewrite of the
 * whole function (helpers of the prompt kept), and a wrong body fails. Only the dataset's own canonical solutions
 * run here, outside any sandbox; model code is run by the sandbox module, never by this service's tests.
 */
@Timeout(300)
class HumanEvalFidelityTest {

    private static final Problem BUILT_IN = new Problem("HumanEval/10",
            "\n\ndef is_palindrome(string: str) -> bool:\n    return string == string[::-1]\n\n\n"
                    + "def make_palindrome(string: str) -> str:\n    \"\"\" Shortest palindrome starting with string. \"\"\"\n",
            "    for i in range(len(string) + 1):\n        if is_palindrome(string[i:]):\n"
                    + "            return string + string[:i][::-1]\n",
            "\n\ndef check(candidate):\n    assert candidate('cat') == 'catac'\n    assert candidate('') == ''\n",
            "make_palindrome");

    /** Runs each file named on the command line as its own __main__, reporting the ones that raise. */
    private static final String RUN_EACH = String.join("\n",
            "import sys",
            "for path in sys.argv[1:]:",
            "    try:",
            "        exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})",
            "    except BaseException as e:",
            "        print('FAILED ' + path + ' ' + type(e).__name__ + ': ' + str(e)[:200].replace(chr(10), ' '))");

    private static List<Problem> problems;
    private static boolean python;

    record Problem(String id, String prompt, String solution, String test, String entryPoint) {

        CodeCheck check() {
            return new CodeCheck(prompt, test, entryPoint);
        }

        /** The whole entry-point function as a chat model would write it back, without the prompt's helpers. */
        String rewrittenFunction() {
            return prompt.substring(prompt.indexOf("def " + entryPoint + "(")) + solution;
        }
    }

    @BeforeAll
    static void load() throws IOException, InterruptedException {
        var file = Datasets.file("humaneval/HumanEval.jsonl.gz", "HumanEval (164 programs)");
        problems = file.isPresent() ? read(file.get()) : List.of(BUILT_IN);
        python = pythonStarts();
        if (!python) {
            System.err.println("!!! HumanEval programs NOT run: no python3 on the PATH; only their text was checked");
        }
    }

    @Test
    void buildsProgramsThatPassWithTheCanonicalSolution(@TempDir Path scratch) throws Exception {
        Map<String, String> programs = new LinkedHashMap<>();
        for (Problem problem : problems) {
            String continued = CodePrograms.humanEval(problem.check(), problem.solution());
            String rewritten = CodePrograms.humanEval(problem.check(), extracted(
                    "Here is the completed function:\n```python\n" + problem.rewrittenFunction() + "```\n"));
            assertThat(continued).startsWith(problem.prompt()).endsWith("check(" + problem.entryPoint() + ")\n");
            assertThat(rewritten.split("\ndef " + problem.entryPoint() + "\\(", -1)).as("definitions of the entry point")
                    .hasSize(2);
            programs.put(problem.id() + " continued", continued);
            programs.put(problem.id() + " rewritten", rewritten);
        }
        List<String> failures = python ? failing(programs, scratch) : List.of();
        System.out.printf("HumanEval: %d problems x 2 forms%s, %d failures%n", problems.size(),
                python ? " run" : " (not run)", failures.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void buildsProgramsThatFailWithAWrongBody(@TempDir Path scratch) throws Exception {
        Map<String, String> programs = new LinkedHashMap<>();
        for (Problem problem : problems) {
            String program = CodePrograms.humanEval(problem.check(), "    return None\n");
            assertThat(program).contains(problem.prompt() + "    return None\n");
            programs.put(problem.id(), program);
        }
        List<String> failures = python ? failing(programs, scratch) : List.copyOf(programs.keySet());
        System.out.printf("HumanEval: %d wrong bodies, %d failed their tests%n", programs.size(), failures.size());
        assertThat(failures).hasSize(programs.size());
    }

    private static String extracted(String completion) {
        return ((Extracted.Found) CodeBlocks.extract(completion)).text();
    }

    private static boolean pythonStarts() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs every program in one python3 process, each with fresh globals as if it were its own script (one
     * process each would cost a minute of CPU on a 2-core machine); the names of those that raise.
     */
    private static List<String> failing(Map<String, String> programs, Path scratch)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", RUN_EACH));
        int index = 0;
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, String> program : programs.entrySet()) {
            Path file = scratch.resolve("program-" + index++ + ".py");
            Files.writeString(file, program.getValue());
            names.put(file.toString(), program.getKey());
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> failed;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            failed = reader.lines().filter(line -> line.startsWith("FAILED ")).map(line -> line.substring(7))
                    .map(line -> names.getOrDefault(line.substring(0, line.indexOf(' ')), "?") + line.substring(
                            line.indexOf(' ')))
                    .toList();
        }
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        return failed;
    }

    private static List<Problem> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Problem> read = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = mapper.readTree(line);
                    read.add(new Problem(row.get("task_id").asText(), row.get("prompt").asText(),
                            row.get("canonical_solution").asText(), row.get("test").asText(),
                            row.get("entry_point").asText()));
                }
            }
        }
        return read;
    }
}
