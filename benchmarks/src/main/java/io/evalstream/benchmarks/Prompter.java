package io.evalstream.benchmarks;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the prompts of one benchmark variant for one run's settings: the instruction, the first {@code shots}
 * exemplars of the item's pool, then the item, joined by the variant's separator. The exemplar block is the same for
 * every item of a pool, so it is rendered once per pool. Thread-safe.
 */
public final class Prompter {

    private final VariantTemplate template;
    private final Exemplars exemplars;
    private final int shots;
    private final boolean cot;
    private final Map<String, String> blocks = new ConcurrentHashMap<>();

    Prompter(VariantTemplate template, Exemplars exemplars, int shots, boolean cot) {
        this.template = template;
        this.exemplars = exemplars;
        this.shots = shots;
        this.cot = cot;
    }

    /** The full prompt for an item of this prompter's benchmark. */
    public String render(Item item) {
        StringWriter out = new StringWriter(512);
        if (template.hasInstruction()) {
            template.instruction(item.context(), cot, out);
            out.write(template.separator());
        }
        if (shots > 0) {
            out.write(blocks.computeIfAbsent(exemplars.key(item), key -> block(exemplars.pool(item))));
        }
        template.question(item.context(), cot, out);
        return out.toString();
    }

    /**
     * The item's own answer as this variant's few-shot example would write it (its worked solution under
     * chain-of-thought, else the bare answer): the length a model imitating the examples is likely to write. Empty
     * when the item lacks what the example template needs (a test set without solutions).
     */
    public Optional<String> workedAnswer(Item item) {
        StringWriter example = new StringWriter(512);
        StringWriter question = new StringWriter(512);
        try {
            template.example(item.context(), cot, example);
            template.question(item.context(), cot, question);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // The example repeats the question's text; what follows the part they share is the answer.
        String full = example.toString();
        String asked = question.toString();
        int shared = 0;
        while (shared < Math.min(full.length(), asked.length()) && full.charAt(shared) == asked.charAt(shared)) {
            shared++;
        }
        return Optional.of(full.substring(shared));
    }

    private String block(List<Exemplars.Exemplar> pool) {
        StringWriter out = new StringWriter(1024);
        for (Exemplars.Exemplar exemplar : pool.subList(0, shots)) {
            template.example(exemplar.context(), cot, out);
            out.write(template.separator());
        }
        return out.toString();
    }
}
