package io.evalstream.contracts;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A failure's cause chain, walked once here for every module: bounded, because a library that sets a cycle of causes
 * (or a chain thousands deep) must not hang or overflow a service while it classifies a failure or explains a bad
 * record.
 */
public final class Causes {

    private static final int MAX_DEPTH = 32;

    private Causes() {
    }

    /** The failure, its cause, that one's cause, ... at most {@value #MAX_DEPTH} of them; empty for null. */
    public static Stream<Throwable> chain(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, Throwable::getCause).limit(MAX_DEPTH);
    }

    /** The first throwable of {@code type} in the chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The deepest cause within reach (the failure itself when it has none). */
    public static Throwable root(Throwable failure) {
        return chain(failure).reduce((first, second) -> second).orElse(failure);
    }

    /** "SimpleName: message" of the root cause, for a reason a person reads. */
    public static String describeRoot(Throwable failure) {
        Throwable root = root(failure);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
