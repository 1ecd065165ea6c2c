package io.evalstream.reports.analysis;

import io.evalstream.contracts.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models of a run spec that belong to one family.
 *
 * @param withX    the members whose metadata gives the chosen axis, with its value, by model id
 * @param withoutX the members whose metadata does not, by model id
 */
public record FamilyMembers(Map<String, Double> withX, List<String> withoutX) {

    /** @param modelInfo the run spec's metadata by model id */
    public static FamilyMembers of(Map<String, ModelInfo> modelInfo, String family, ScaleAxis axis) {
        TreeMap<String, Double> withX = new TreeMap<>();
        List<String> withoutX = new ArrayList<>();
        new TreeMap<>(modelInfo).forEach((model, info) -> {
            if (info.family().equals(family)) {
                Double x = axis.of(info);
                if (x == null) {
                    withoutX.add(model);
                } else {
                    withX.put(model, x);
                }
            }
        });
        return new FamilyMembers(withX, List.copyOf(withoutX));
    }

    /** No model of the spec is in the family. */
    public boolean unknownFamily() {
        return withX.isEmpty() && withoutX.isEmpty();
    }
}
