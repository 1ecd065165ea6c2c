package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Metric;
import java.util.Objects;
import java.util.Set;

/**
 * One benchmark as declared in a YAML file: data only, no code. Read from the flat file a user writes
 * ({@link DefinitionFile}, which checks it) and grouped by what each part is for.
 * {@link io.evalstream.benchmarks.CatalogLoader} checks everything that needs the data at load time.
 */
public record BenchmarkDefinition(String id, String description, Category category, ItemRules items,
        PromptRules prompts, TaskShape shape, GradingRules grading) {

    /** The variant every benchmark has and every other variant inherits from. */
    public static final String DEFAULT_VARIANT = "default";
    /** Names the loader puts into every template context; {@code fields} may not reuse them. */
    public static final Set<String> RESERVED = Set.of("row", "subset", "subset_name", "subset_group", "cot");

    public BenchmarkDefinition {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(grading, "grading");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static BenchmarkDefinition of(DefinitionFile file) {
        return new BenchmarkDefinition(file.id(), file.description(), file.category(),
                new ItemRules(file.source(), file.fields(), file.itemId(), file.reference(), file.aliases(),
                        file.subsets(), file.cluster()),
                new PromptRules(file.settings(), file.fewShot(), file.variants()),
                new TaskShape(file.kind(), file.choices(), file.targetDelimiter()),
                new GradingRules(file.extraction(), file.metric(), file.scorers(), file.code(), file.judging()));
    }

    /** True when answers are programs, graded by running them. */
    public boolean byExecution() {
        return Metric.CODE_EXECUTION.name().equals(grading.metric());
    }
}
