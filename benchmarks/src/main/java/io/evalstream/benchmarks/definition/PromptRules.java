package io.evalstream.benchmarks.definition;

import io.evalstream.contracts.SettingsOverrides;
import java.util.Map;

/** How a benchmark's prompts are written: its declared settings, its exemplars and its templates by variant. */
public record PromptRules(SettingsOverrides settings, FewShotSpec fewShot, Map<String, TemplateSpec> variants) {
}
