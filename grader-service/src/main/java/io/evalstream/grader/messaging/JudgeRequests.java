package io.evalstream.grader.messaging;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import io.evalstream.grader.config.JudgeSettings;
import io.evalstream.grader.judging.JudgedGrades;
import io.evalstream.grader.judging.MarkerKey;
import io.evalstream.grader.judging.Rubric;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes judge tasks (purpose JUDGE) onto the tasks topic, keyed by the judge task's id, for a worker to serve. */
@ApplicationScoped
public class JudgeRequests {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);

    private final MutinyEmitter<byte[]> judgeTasks;
    private final JudgeSettings settings;
    private final MarkerKey markerKey;

    // As many buffered as completions can be in grading at once, so a burst of judged answers never overflows.
    JudgeRequests(@Channel("judge-tasks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<byte[]> judgeTasks, JudgeSettings settings, MarkerKey markerKey) {
        this.judgeTasks = judgeTasks;
        this.settings = settings;
        this.markerKey = markerKey;
    }

    /**
     * Asks the subject's judge model to judge it on the rubric.
     *
     * @return completes once the broker has acknowledged the judge task; fails when it could not be published
     * @throws io.evalstream.contracts.InvalidRecordException when the answer holds its own markers (see
     *         {@link MarkerKey#markersFor})
     */
    Uni<Void> ask(Completion subject, Rubric rubric) {
        String judge = subject.task().judging().judge();
        String answer = JudgedGrades.answer(subject);
        String prompt = rubric.judgePrompt(subject.task().reference(), answer, markerKey.markersFor(answer));
        PromptTask task = PromptTask.judgeTask(subject, judge, prompt, settings.maxTokens());
        return judgeTasks.sendMessage(Message.of(TASKS.encode(task), Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(task.taskId().toString()).build())));
    }
}
