package io.evalstream.grader.messaging;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Judging;
import io.evalstream.grader.config.JudgeSettings;
import io.evalstream.grader.judging.JudgedGrades;
import io.evalstream.grader.judging.StoryJudge;
import io.evalstream.grader.judging.tools.LanguageToolGrammar;
import io.evalstream.grader.judging.tools.MiniLmEmbedder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The automatic judge, on threads of its own: judging a story takes tens of milliseconds of CPU and must hold up
 * neither the Kafka consumer nor other grading. Its tools (LanguageTool, the embedding model) take seconds and
 * about 150 MB of heap to load, so they are loaded on the first story to judge, not at startup: a grader that
 * sees no judged benchmark never pays for them.
 */
@ApplicationScoped
public class AutoJudges {

    private static final Logger LOG = Logger.getLogger(AutoJudges.class);

    private final JudgeSettings settings;
    private final JudgeMetrics metrics;
    private final ExecutorService executor;
    private StoryJudge judge;
    private JudgeUnavailableException unavailable;

    AutoJudges(JudgeSettings settings, JudgeMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.executor = Executors.newFixedThreadPool(settings.threads(),
                Thread.ofPlatform().name("judge-", 0).daemon(true).factory());
    }

    /**
     * @return the JUDGED grade of an OK, non-blank story continuation; an UNGRADABLE error grade when the judge's
     *         tools could not be loaded
     */
    Uni<Grade> grade(Completion subject) {
        return Uni.createFrom().item(() -> judge(subject)).runSubscriptionOn(executor)
                .onFailure(JudgeUnavailableException.class)
                .recoverWithItem(e -> JudgedGrades.ungradable(subject, e.getMessage(), Instant.now()));
    }

    private Grade judge(Completion subject) {
        StoryJudge story = storyJudge();
        long start = System.nanoTime();
        Judgement judgement = story.judge(subject.task().reference(), subject.text());
        metrics.time(Judging.AUTO, Duration.ofNanos(System.nanoTime() - start));
        metrics.count(Judging.AUTO, JudgeMetrics.JUDGED);
        return JudgedGrades.judged(subject, judgement, null, Instant.now());
    }

    // Loaded once, by the first judging thread; the others wait for it. A failure is kept, so a broken
    // installation costs one attempt rather than one per story.
    private synchronized StoryJudge storyJudge() {
        if (judge == null && unavailable == null) {
            long start = System.nanoTime();
            try {
                judge = new StoryJudge(new LanguageToolGrammar(settings.threads()), new MiniLmEmbedder());
                LOG.infof("Automatic judge loaded (LanguageTool en-US x%d, all-MiniLM-L6-v2) in %d ms",
                        settings.threads(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            } catch (RuntimeException | LinkageError e) {
                unavailable = new JudgeUnavailableException(e.toString(), e);
                LOG.errorf(e, "The automatic judge could not be loaded; stories it should judge are graded UNGRADABLE");
            }
        }
        if (unavailable != null) {
            metrics.count(Judging.AUTO, JudgeMetrics.UNAVAILABLE);
            throw unavailable;
        }
        return judge;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
