package io.evalstream.producer.prompt;

import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.MathProblem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GSM8K prompts: an instruction to end with "The answer is N.", then the first {@code shots} exemplars
 * of the pool as {@code Question: ...\nAnswer: ...}, then the target question. With chain-of-thought
 * the exemplars show the worked solution (calculator annotations removed) and the target answer
 * starts "Let's think step by step."
 */
public final class MathPrompt implements PromptTemplate<MathProblem> {

    static final String INSTRUCTION = "Solve each math word problem. End your answer with \"The answer is <number>.\"";
    private static final Pattern CALCULATOR = Pattern.compile("<<[^>]*>>");

    private final List<MathProblem> exemplars;

    public MathPrompt(List<MathProblem> exemplars) {
        this.exemplars = List.copyOf(exemplars);
    }

    @Override
    public String render(MathProblem item, Settings settings) {
        Shots.check(settings.shots(), maxShots());
        StringBuilder prompt = new StringBuilder(INSTRUCTION).append("\n\n");
        for (MathProblem exemplar : exemplars.subList(0, settings.shots())) {
            prompt.append("Question: ").append(exemplar.question()).append("\nAnswer: ");
            if (settings.chainOfThought()) {
                prompt.append(reasoning(exemplar.solution())).append('\n');
            }
            prompt.append("The answer is ").append(exemplar.answer()).append(".\n\n");
        }
        prompt.append("Question: ").append(item.question()).append("\nAnswer:");
        if (settings.chainOfThought()) {
            prompt.append(" Let's think step by step.");
        }
        return prompt.toString();
    }

    @Override
    public int maxShots() {
        return exemplars.size();
    }

    /** The worked solution as a model should write it: no {@code <<48/2=24>>} calculator annotations. */
    static String reasoning(String solution) {
        return CALCULATOR.matcher(solution).replaceAll("");
    }
}
