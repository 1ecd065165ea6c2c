package io.evalstream.contracts;

/**
 * How a code completion is run (HumanEval layout): the program is {@code prefix + completion + test}
 * followed by a call {@code check(entryPoint)}, and it passes when it exits cleanly.
 *
 * @param prefix     the code the completion continues, usually the prompt's signature and docstring
 * @param test       code defining {@code check(candidate)}
 * @param entryPoint the function under test
 */
public record CodeCheck(String prefix, String test, String entryPoint) {

    public CodeCheck {
        prefix = prefix == null ? "" : prefix;
        Require.nonBlank(test, "code.test");
        Require.nonBlank(entryPoint, "code.entryPoint");
        if (!entryPoint.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidRecordException(
                    "field 'code.entryPoint' must be a Python identifier, got '"
                            + Texts.abbreviate(entryPoint, Texts.IN_A_MESSAGE) + "'");
        }
    }
}
