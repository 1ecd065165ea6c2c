package io.evalstream.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models a demo run evaluates, in order, each with what the tables call it: {@code SIMULATED}, or
 * {@code REAL} and its backend, so nobody mistakes the simulator's canned text for a model's.
 *
 * @param labels model id → label, in the order the models are listed
 */
record DemoModels(Map<String, String> labels) {

    static final String SIMULATED = "SIMULATED";

    private static final Map<String, String> MEANINGS = Map.of(
            "REAL openai", "an OpenAI-compatible server called over HTTP",
            "REAL gguf", "a GGUF file run in-process by llama.cpp",
            SIMULATED, "the sim backend's canned text");

    DemoModels {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The built-in simulated models. */
    static DemoModels simulated() {
        Map<String, String> labels = new LinkedHashMap<>();
        RunSpecs.SIMULATED_MODELS.forEach(id -> labels.put(id, SIMULATED));
        return new DemoModels(labels);
    }

    /** The user's own models, whatever their backend. */
    static DemoModels own(OwnModels own) {
        Map<String, String> labels = new LinkedHashMap<>();
        own.models().forEach(model -> labels.put(model.name(), label(model)));
        return new DemoModels(labels);
    }

    static String label(ModelOption model) {
        return model.backend() == ModelOption.Backend.SIM ? SIMULATED : "REAL " + model.backend().name()
                .toLowerCase(Locale.ROOT);
    }

    /** These models and the GGUF files of a models directory after them. */
    DemoModels plus(RealModels real) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        real.ids().forEach(id -> all.putIfAbsent(id, "REAL gguf"));
        return new DemoModels(all);
    }

    List<String> ids() {
        return new ArrayList<>(labels.keySet());
    }

    String label(String id) {
        return labels.getOrDefault(id, SIMULATED);
    }

    boolean allSimulated() {
        return labels.values().stream().allMatch(SIMULATED::equals);
    }

    /** e.g. {@code mine: REAL openai = an OpenAI-compatible server called over HTTP; sim-weak: SIMULATED = ...}. */
    String legend() {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        labels.forEach((id, label) -> byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(id));
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, ids) -> parts.add(String.join(", ", ids) + ": " + label + " = " + MEANINGS.get(label)));
        return String.join("; ", parts);
    }
}
