package io.evalstream.contracts;

/** Why a task exists: to evaluate a model, or to ask a judge model to grade another model's output. */
public enum Purpose {
    EVAL,
    JUDGE
}
