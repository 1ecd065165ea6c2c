package io.evalstream.producer.prompt;

import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.Item;

/**
 * Turns one item into the full prompt text for the given settings (few-shot exemplars and
 * chain-of-thought included). Pure and deterministic: the same item and settings give the same text.
 */
public interface PromptTemplate<T extends Item> {

    /** @throws IllegalArgumentException when {@code settings.shots()} exceeds {@link #maxShots()} */
    String render(T item, Settings settings);

    /** The most few-shot exemplars this template can put in front of every item. */
    int maxShots();
}
