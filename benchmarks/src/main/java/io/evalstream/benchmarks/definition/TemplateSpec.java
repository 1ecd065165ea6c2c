package io.evalstream.benchmarks.definition;

/**
 * The parts of one prompt template variant, each a Mustache template. A prompt is the instruction, then
 * {@code shots} exemplars rendered with {@code example}, then the item rendered with {@code question}, joined by
 * {@code separator}. In a variant other than {@code default}, a part left out is the default variant's.
 *
 * @param instruction once at the top; null (left out) inherits, "" for none
 * @param example     one few-shot exemplar; needed when the benchmark has a few-shot source
 * @param question    the item under test, usually ending where the answer starts ({@code Answer:})
 * @param separator   between the parts; default a blank line ({@code "\n\n"})
 */
public record TemplateSpec(String instruction, String example, String question, String separator) {

    /** A variant that gives no part of its own: every part is the default variant's. */
    public static final TemplateSpec INHERITED = new TemplateSpec(null, null, null, null);
}
