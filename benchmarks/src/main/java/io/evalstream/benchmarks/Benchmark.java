package io.evalstream.benchmarks;

import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.TaskKind;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.Subset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded, checked benchmark: its items in run order (a run's {@code limit} takes a prefix), its prompt variants
 * ({@code default} first) and its declared settings. Every item renders in every variant: the load proved it.
 */
public final class Benchmark {

    private final BenchmarkDefinition definition;
    private final String origin;
    private final String source;
    private final List<Item> items;
    private final Exemplars exemplars;
    private final Map<String, VariantTemplate> variants;
    private final Settings settings;
    private final int maxShots;
    private final List<Subset> subsets;

    Benchmark(BenchmarkDefinition definition, String origin, String source, List<Item> items, Exemplars exemplars,
            Map<String, VariantTemplate> variants) {
        this.definition = definition;
        this.origin = origin;
        this.source = source;
        this.items = List.copyOf(items);
        this.exemplars = exemplars;
        this.variants = Map.copyOf(variants);
        this.settings = definition.prompts().settings().applyTo(Settings.defaults());
        this.maxShots = exemplars.maxShots(items);
        this.subsets = items.stream().map(Item::subset).filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparing(Subset::id)).toList();
    }

    public String id() {
        return definition.id();
    }

    public String description() {
        return definition.description();
    }

    public Category category() {
        return definition.category();
    }

    /** The headline's registered extraction name, spelled for the wire. */
    public String extraction() {
        return definition.grading().extraction();
    }

    /** The headline's registered metric name, spelled for the wire. */
    public String metric() {
        return definition.grading().metric();
    }

    /** Every scorer, the headline (the one {@link #extraction()} and {@link #metric()} name) first. */
    public List<Scorer> scorers() {
        return definition.grading().scorers();
    }

    /** Generate, or multiple choice or perplexity scored by likelihood. */
    public TaskKind kind() {
        return definition.shape().kind();
    }

    /** Who judges the answers on which rubric, as declared; null for a benchmark graded without a judge. */
    public Judging judging() {
        return definition.grading().judging();
    }

    /** The declared settings: what a run gets when it overrides nothing. */
    public Settings settings() {
        return settings;
    }

    public List<Item> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    /** Where the data came from: a directory, or the built-in samples. */
    public String source() {
        return source;
    }

    /** The definition file. */
    public String origin() {
        return origin;
    }

    /** Variant names, {@code default} first, then in declaration order. */
    public List<String> variants() {
        return List.copyOf(definition.prompts().variants().keySet());
    }

    /** The most few-shot exemplars every item can get (the smallest pool, per subset where exemplars match subsets). */
    public int maxShots() {
        return maxShots;
    }

    /** The subsets that have items, by id. */
    public List<Subset> subsets() {
        return subsets;
    }

    /** The subsets the definition declares, whether or not the data has items in them. */
    public int declaredSubsets() {
        return definition.items().subsets().size();
    }

    /** The fingerprint of a variant's resolved template texts and few-shot source. */
    public String templateFingerprint(String variant) {
        return template(variant).fingerprint();
    }

    /** The hash every task of this variant carries when rendered with {@code settings} and the declared judge. */
    public String settingsHash(String variant, Settings settings) {
        return settingsHash(variant, settings, judging());
    }

    /** The hash every task of this variant carries when rendered with {@code settings} and judged by {@code judging}. */
    public String settingsHash(String variant, Settings settings, Judging judging) {
        return SettingsHash.of(settings, extraction(), metric(), variant, templateFingerprint(variant), judging);
    }

    /**
     * @throws IllegalArgumentException for an unknown variant, or more shots than {@link #maxShots()}
     */
    public Prompter prompter(String variant, Settings settings) {
        if (settings.shots() > maxShots) {
            throw new IllegalArgumentException("settings.shots is " + settings.shots() + " but benchmark '" + id()
                    + "' has only " + maxShots + " few-shot exemplars");
        }
        return new Prompter(template(variant), exemplars, settings.shots(), settings.chainOfThought());
    }

    private VariantTemplate template(String variant) {
        VariantTemplate template = variants.get(variant);
        if (template == null) {
            throw new IllegalArgumentException("benchmark '" + id() + "' has no variant '" + variant + "'; its variants: "
                    + String.join(", ", variants()));
        }
        return template;
    }
}
