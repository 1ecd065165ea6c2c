package io.evalstream.contracts;

/** The GPT-Fathom capability categories a benchmark belongs to. */
public enum Category {
    KNOWLEDGE,
    REASONING,
    COMPREHENSION,
    MATH,
    CODING,
    MULTILINGUAL,
    SAFETY
}
