package io.evalstream.producer.catalog;

/** One item rendered for one set of settings: what a task carries, minus model and sample. */
public record Prompt(String itemId, String text, String reference) {
}
