package io.evalstream.producer.catalog;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Require;
import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.Item;
import io.evalstream.producer.prompt.PromptTemplate;
import java.util.List;

/**
 * A loaded benchmark: its test items in run order (a run's {@code limit} takes a prefix) and the
 * template that renders them. The grader learns how to read answers from {@link #extraction()}.
 */
public record Benchmark<T extends Item>(String id, String description, Category category, Extraction extraction,
        List<T> items, PromptTemplate<T> template) {

    public Benchmark {
        Require.id(id, "benchmark id");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("benchmark " + id + " has no items; check its dataset files");
        }
    }

    public int size() {
        return items.size();
    }

    /** The most few-shot exemplars a run of this benchmark may ask for. */
    public int maxShots() {
        return template.maxShots();
    }

    /** Renders the item at {@code index} of the run order. */
    public Prompt prompt(int index, Settings settings) {
        T item = items.get(index);
        return new Prompt(item.id(), template.render(item, settings), item.reference());
    }
}
