package io.evalstream.reports.analysis;

import io.evalstream.contracts.ModelInfo;
import java.util.Arrays;
import java.util.Optional;

/** The model metadata a scaling law is fitted against. */
public enum ScaleAxis {
    /** Training compute in FLOPs. */
    TRAINING_FLOPS("trainingFlops"),
    /** Number of parameters. */
    PARAMETERS("parameters");

    private final String field;

    ScaleAxis(String field) {
        this.field = field;
    }

    /** The {@link ModelInfo} field name, which is also how a request names the axis. */
    public String field() {
        return field;
    }

    /** This axis's value for a model; null when its metadata does not give it. */
    public Double of(ModelInfo info) {
        return switch (this) {
            case TRAINING_FLOPS -> info.trainingFlops();
            case PARAMETERS -> info.parameters();
        };
    }

    /** The axis whose {@link #field()} is {@code name}. */
    public static Optional<ScaleAxis> parse(String name) {
        return Arrays.stream(values()).filter(axis -> axis.field.equals(name)).findFirst();
    }
}
