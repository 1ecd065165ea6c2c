package io.evalstream.benchmarks.definition;

/**
 * Where a code benchmark (HumanEval layout) keeps what the grader needs to run a completion: the program is
 * {@code prefix + completion + test} followed by {@code check(entryPoint)}.
 *
 * @param prefix     the code the completion continues (HumanEval: {@code prompt}); null for none
 * @param test       code defining {@code check(candidate)} (HumanEval: {@code test})
 * @param entryPoint the name of the function under test (HumanEval: {@code entry_point})
 */
public record CodeFields(FieldRule prefix, FieldRule test, FieldRule entryPoint) {

    public CodeFields {
        Check.required(test, "test", "test");
        Check.required(entryPoint, "entryPoint", "entry_point");
    }
}
