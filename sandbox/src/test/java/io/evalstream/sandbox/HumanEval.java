package io.evalstream.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** HumanEval problems (OpenAI's {@code HumanEval.jsonl.gz}) and the programs the grader runs for them. */
public final class HumanEval {

    /** One problem; every field is Python source or a name, exactly as in the dataset. */
    public record Problem(String taskId, String prompt, String canonicalSolution, String test, String entryPoint) {

        /** What a grader runs: the prompt, a completion, the tests and the call that runs them. */
        public String program(String completion) {
            return prompt + completion + "\n" + test + "\n" + "check(" + entryPoint + ")\n";
        }

        public String canonicalProgram() {
            return program(canonicalSolution);
        }
    }

    private HumanEval() {
    }

    /** Reads a gzip JSON Lines file with fields task_id, prompt, canonical_solution, test, entry_point. */
    public static List<Problem> read(Path jsonlGz) throws IOException {
        List<Problem> problems = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(jsonlGz)), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    problems.add(problem(line, jsonlGz, number));
                }
            }
        }
        return problems;
    }

    private static Problem problem(String line, Path file, int number) throws IOException {
        try {
            Map<String, String> f = FlatJson.parseObject(line);
            return new Problem(field(f, "task_id"), field(f, "prompt"), field(f, "canonical_solution"),
                    field(f, "test"), field(f, "entry_point"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
        }
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return value;
    }
}
