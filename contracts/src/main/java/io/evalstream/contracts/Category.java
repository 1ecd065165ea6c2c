package io.evalstream.contracts;

/** The GPT-Fathom capability categories a benchmark belongs to, and open-ended writing judged on a rubric. */
public enum Category {
    KNOWLEDGE,
    REASONING,
    COMPREHENSION,
    MATH,
    CODING,
    MULTILINGUAL,
    SAFETY,
    WRITING
}
