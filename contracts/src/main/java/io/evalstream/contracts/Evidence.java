package io.evalstream.contracts;

/**
 * Why a grade's verdict is what it is, where the verdict alone does not say.
 *
 * @param errorKind  why the model call (or its judge's) failed, when the verdict is ERROR
 * @param judgement  the judge's scores; present exactly when the verdict is JUDGED
 * @param detail     why, in words, when the verdict needs explaining (the failing assertion of a program, a judge
 *                   reply that could not be read); null otherwise
 * @param likelihood for a task scored by likelihood, its nats, bytes and tokens (and acc_norm); null otherwise
 */
public record Evidence(ErrorKind errorKind, Judgement judgement, String detail, LikelihoodScore likelihood) {

    public static final Evidence NONE = new Evidence(null, null, null, null);

    /** An ERROR grade's: the kind of failure and, when known, why in words. */
    public static Evidence error(ErrorKind kind, String detail) {
        return new Evidence(kind, null, detail, null);
    }

    /** A JUDGED grade's: the judge's scores. */
    public static Evidence judged(Judgement judgement) {
        return new Evidence(null, judgement, null, null);
    }

    /** A grade by likelihood's: its nats, bytes and tokens. */
    public static Evidence measured(LikelihoodScore likelihood) {
        return new Evidence(null, null, null, likelihood);
    }

    /** Why, in words (a program's failing assertion); NONE when there is nothing to say. */
    public static Evidence explained(String detail) {
        return detail == null ? NONE : new Evidence(null, null, detail, null);
    }
}
