package io.evalstream.grader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How answers judged on a rubric are judged: the automatic judge's threads and the judge tasks' token budget. */
@ConfigMapping(prefix = "evalstream.grader.judge")
public interface JudgeSettings {

    /**
     * Threads of the automatic judge, each with its own LanguageTool instance (they are not thread-safe). A story
     * takes tens of milliseconds of CPU, so more threads than cores only queue.
     */
    @WithDefault("2")
    int threads();

    /** Token budget of a judge task: the reply format needs about 30 tokens; a judge may reason before it. */
    @WithDefault("256")
    int maxTokens();
}
