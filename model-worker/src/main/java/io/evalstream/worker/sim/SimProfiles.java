package io.evalstream.worker.sim;

import io.evalstream.contracts.ErrorKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The named simulator profiles: the built-in ones, with configured ones on top (a configured profile
 * with a built-in's name changes only the fields it sets).
 */
public final class SimProfiles {

    /** The profile of a model that names none. */
    public static final String DEFAULT = "default";

    private static final Map<String, SimSettings> BUILT_IN = Map.of(
            DEFAULT, SimSettings.NONE,
            "strong", SimSettings.of(0.85, 0.02),
            "medium", SimSettings.of(0.6, 0.05),
            "weak", SimSettings.of(0.3, 0.1),
            // For fault tests: a fifth of the calls fail, mostly in ways worth retrying.
            "flaky", new SimSettings(OptionalDouble.of(0.6), Map.of(), Map.of(), Optional.of(Duration.ofMillis(50)),
                    OptionalDouble.of(0.5), OptionalDouble.of(0.2), Map.of(ErrorKind.RATE_LIMITED, 0.5,
                            ErrorKind.SERVER_ERROR, 0.3, ErrorKind.TIMEOUT, 0.2), OptionalDouble.of(0.05),
                    OptionalLong.empty()),
            // A hosted model's pace: about 300 ms a call, a few over a second.
            "slow", new SimSettings(OptionalDouble.of(0.6), Map.of(), Map.of(), Optional.of(Duration.ofMillis(300)),
                    OptionalDouble.of(0.5), OptionalDouble.empty(), Map.of(), OptionalDouble.of(0.05),
                    OptionalLong.empty()));

    private final Map<String, SimSettings> profiles;

    /** @param configured profiles by name from configuration, layered over built-ins of the same name */
    public SimProfiles(Map<String, SimSettings> configured) {
        Map<String, SimSettings> all = new TreeMap<>(BUILT_IN);
        configured.forEach((name, settings) -> all.merge(name, settings, (builtIn, own) -> own.over(builtIn)));
        this.profiles = Map.copyOf(all);
    }

    /**
     * The profile of one model: its own settings over its named profile (default {@value #DEFAULT}).
     * Without a seed anywhere, the seed comes from the model id, so two models on one profile differ.
     *
     * @throws IllegalArgumentException for an unknown profile name or a value out of range
     */
    public SimProfile forModel(String modelId, Optional<String> profile, SimSettings own) {
        String name = profile.orElse(DEFAULT);
        SimSettings named = profiles.get(name);
        if (named == null) {
            throw new IllegalArgumentException("unknown sim profile '" + name + "'; known: "
                    + new TreeMap<>(profiles).keySet() + " (define more under evalstream.worker.sim-profiles.<name>)");
        }
        return own.over(named).resolve(StableHash.of(0, modelId));
    }
}
