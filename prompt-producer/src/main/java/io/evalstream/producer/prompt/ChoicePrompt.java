package io.evalstream.producer.prompt;

import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.ChoiceQuestion;
import java.util.List;
import java.util.Map;

/**
 * MMLU prompts in the original paper's layout: "The following are multiple choice questions (with
 * answers) about <subject>.", the first {@code shots} exemplars of the item's own subject each ending
 * "Answer: (B)", then the target ending "Answer:". With chain-of-thought the header asks to end with
 * "The answer is (X).", exemplars answer that way and the target answer starts "Let's think step by step."
 */
public final class ChoicePrompt implements PromptTemplate<ChoiceQuestion> {

    private static final List<String> LETTERS = List.of("A", "B", "C", "D");

    private final Map<String, List<ChoiceQuestion>> exemplarsBySubject;

    /** @param exemplarsBySubject few-shot pool per subject; every subject that will be rendered must be present */
    public ChoicePrompt(Map<String, List<ChoiceQuestion>> exemplarsBySubject) {
        this.exemplarsBySubject = Map.copyOf(exemplarsBySubject);
    }

    @Override
    public String render(ChoiceQuestion item, Settings settings) {
        List<ChoiceQuestion> pool = exemplarsBySubject.getOrDefault(item.subject(), List.of());
        Shots.check(settings.shots(), pool.size());
        boolean cot = settings.chainOfThought();
        StringBuilder prompt = new StringBuilder("The following are multiple choice questions (with answers) about ")
                .append(item.subjectName()).append('.');
        if (cot) {
            prompt.append(" Think step by step, then end your answer with \"The answer is (X).\""
                    + " where X is the letter of the correct option.");
        }
        prompt.append("\n\n");
        for (ChoiceQuestion exemplar : pool.subList(0, settings.shots())) {
            question(prompt, exemplar);
            prompt.append(cot ? " The answer is (" + exemplar.answer() + ")." : " (" + exemplar.answer() + ")")
                    .append("\n\n");
        }
        question(prompt, item);
        if (cot) {
            prompt.append(" Let's think step by step.");
        }
        return prompt.toString();
    }

    /** The smallest pool of any subject: every item must get the same number of exemplars. */
    @Override
    public int maxShots() {
        return exemplarsBySubject.values().stream().mapToInt(List::size).min().orElse(0);
    }

    private static void question(StringBuilder prompt, ChoiceQuestion question) {
        prompt.append(question.question()).append('\n');
        for (int i = 0; i < LETTERS.size(); i++) {
            prompt.append('(').append(LETTERS.get(i)).append(") ").append(question.choices().get(i)).append('\n');
        }
        prompt.append("Answer:");
    }
}
