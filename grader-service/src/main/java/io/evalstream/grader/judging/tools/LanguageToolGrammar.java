package io.evalstream.grader.judging.tools;

import io.evalstream.grader.judging.StoryJudge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.languagetool.JLanguageTool;
import org.languagetool.Language;
import org.languagetool.Languages;
import org.languagetool.rules.ITSIssueType;
import org.languagetool.rules.RuleMatch;

/**
 * Grammar and spelling errors from LanguageTool (American English). A {@link JLanguageTool} is not thread-safe, so
 * a small pool is kept, one instance per judging thread; the language data behind them is loaded once and shared.
 */
public final class LanguageToolGrammar implements StoryJudge.GrammarChecker {

    /**
     * What counts as an error: grammar, spelling, typography (a sentence without its capital) and doubled words.
     * Style hints ("very happy" is weak) are opinions a children's story may ignore.
     */
    private static final Set<ITSIssueType> ERRORS = EnumSet.of(ITSIssueType.Grammar, ITSIssueType.Misspelling,
            ITSIssueType.Typographical, ITSIssueType.Duplication, ITSIssueType.Inconsistency);
    /** Curly-quote and whitespace hints: plain ASCII quotes and double spaces are not mistakes of a story writer. */
    private static final List<String> IGNORED_RULES = List.of("EN_QUOTES", "WHITESPACE_RULE",
            "CONSECUTIVE_SPACES");

    private final BlockingQueue<JLanguageTool> pool;

    /** Loads {@code size} checkers now; the first costs seconds (rules and dictionaries), the others little. */
    public LanguageToolGrammar(int size) {
        Language english = Languages.getLanguageForShortCode("en-US");
        this.pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            JLanguageTool tool = new JLanguageTool(english);
            IGNORED_RULES.forEach(tool::disableRule);
            pool.add(tool);
        }
    }

    @Override
    public int errors(String before, String text) {
        JLanguageTool tool = take();
        try {
            // The continuation is checked in context, so a sentence the beginning opened is read whole; only the
            // errors that reach into the continuation are its own.
            List<RuleMatch> matches = tool.check(before + text);
            int start = before.length();
            return (int) matches.stream().filter(match -> match.getToPos() > start)
                    .filter(match -> ERRORS.contains(match.getRule().getLocQualityIssueType())).count();
        } catch (IOException e) {
            throw new UncheckedIOException("LanguageTool could not check the text", e);
        } finally {
            pool.add(tool);
        }
    }

    private JLanguageTool take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a LanguageTool instance", e);
        }
    }
}
