package io.evalstream.grader.grading;

import io.evalstream.contracts.CodeCheck;

/** Builds the program that decides a code task: the candidate code, then the tests, then the call to them. */
public final class CodePrograms {

    private CodePrograms() {
    }

    /**
     * The HumanEval program for {@code extractedCode}, followed by {@code test} and {@code check(entryPoint)}.
     * <ul>
     *   <li>Code that defines {@code def <entryPoint>(} at column 0 (a chat model rewriting the whole function)
     *       follows what the prefix holds before its own definition of the entry point: its imports and helper
     *       functions (four HumanEval prompts define helpers the entry point calls, e.g. {@code is_palindrome} in
     *       HumanEval/10). A prefix that does not define the entry point gives only its import lines.</li>
     *   <li>Any other code continues the prefix, as the model continued the prompt: {@code prefix + code}.</li>
     * </ul>
     */
    public static String humanEval(CodeCheck code, String extractedCode) {
        String definition = "def " + code.entryPoint() + "(";
        String head = definesAtLineStart(extractedCode, definition) ? headBefore(code.prefix(), definition)
                : code.prefix();
        return head + extractedCode + "\n" + code.test() + "\n" + "check(" + code.entryPoint() + ")\n";
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
