package io.evalstream.benchmarks;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.FewShotSpec;
import io.evalstream.benchmarks.definition.TemplateSpec;
import io.evalstream.contracts.SettingsHash;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variant's compiled templates, the default variant's parts filled in where the variant leaves them out.
 * {@link #fingerprint()} changes whenever its texts or the few-shot source change, and goes into the settings hash.
 */
final class VariantTemplate {

    static final String DEFAULT_SEPARATOR = "\n\n";
    private static final Map<String, Object> COT = Map.of("cot", true);
    private static final Map<String, Object> NO_COT = Map.of("cot", false);

    private final String name;
    private final Part instruction;
    private final Part example;
    private final Part question;
    private final String separator;
    private final String fingerprint;

    /** A compiled template and the YAML key it came from. */
    private record Part(String key, Template template) {
    }

    private VariantTemplate(String name, TemplateSpec spec, FewShotSpec fewShot) {
        this.name = name;
        String prefix = "variants." + name + ".";
        this.instruction = spec.instruction() == null || spec.instruction().isEmpty() ? null
                : new Part(prefix + "instruction", Templates.compile(spec.instruction(), prefix + "instruction"));
        this.example = spec.example() == null ? null
                : new Part(prefix + "example", Templates.compile(spec.example(), prefix + "example"));
        this.question = new Part(prefix + "question", Templates.compile(spec.question(), prefix + "question"));
        this.separator = spec.separator();
        this.fingerprint = SettingsHash.sha256Hex(String.join("\u0000", "instruction", String.valueOf(
                spec.instruction()), "example", String.valueOf(spec.example()), "question", spec.question(),
                "separator", separator, "fewShot", fewShot == null ? "none"
                        : fewShot.source().path() + "|count=" + fewShot.count() + "|matchSubset=" + fewShot.matchSubset()));
    }

    /** Every variant of a definition, {@code default} first, each with the default's parts where it has none. */
    static Map<String, VariantTemplate> compile(BenchmarkDefinition definition) {
        TemplateSpec base = definition.prompts().variants().get(BenchmarkDefinition.DEFAULT_VARIANT);
        Map<String, VariantTemplate> variants = new LinkedHashMap<>();
        definition.prompts().variants().forEach((name, spec) -> variants.put(name,
                new VariantTemplate(name, resolve(spec, base), definition.prompts().fewShot())));
        return variants;
    }

    private static TemplateSpec resolve(TemplateSpec spec, TemplateSpec base) {
        String separator = spec.separator() != null ? spec.separator()
                : base.separator() != null ? base.separator() : DEFAULT_SEPARATOR;
        return new TemplateSpec(spec.instruction() != null ? spec.instruction() : base.instruction(),
                spec.example() != null ? spec.example() : base.example(),
                spec.question() != null ? spec.question() : base.question(), separator);
    }

    String name() {
        return name;
    }

    String fingerprint() {
        return fingerprint;
    }

    String separator() {
        return separator;
    }

    boolean hasInstruction() {
        return instruction != null;
    }

    void instruction(Map<String, Object> item, boolean cot, Writer out) {
        execute(instruction, item, cot, out);
    }

    void example(Map<String, Object> exemplar, boolean cot, Writer out) {
        execute(example, exemplar, cot, out);
    }

    void question(Map<String, Object> item, boolean cot, Writer out) {
        execute(question, item, cot, out);
    }

    /** Renders every part an item or exemplar meets, with and without chain-of-thought, so a load finds every gap. */
    void check(Map<String, Object> context, String where, boolean exemplar) {
        Writer sink = Writer.nullWriter();
        for (boolean cot : new boolean[] {false, true}) {
            if (exemplar) {
                execute(example, context, cot, sink, where);
            } else {
                if (instruction != null) {
                    execute(instruction, context, cot, sink, where);
                }
                execute(question, context, cot, sink, where);
            }
        }
    }

    private static void execute(Part part, Map<String, Object> context, boolean cot, Writer out) {
        part.template().execute(cot ? COT : NO_COT, context, out);
    }

    private static void execute(Part part, Map<String, Object> context, boolean cot, Writer out, String where) {
        try {
            execute(part, context, cot, out);
        } catch (MustacheException e) {
            throw new BenchmarkException("key '" + part.key() + "' cannot render " + where + " (cot " + cot + "): "
                    + Templates.describe(e, context));
        }
    }
}
