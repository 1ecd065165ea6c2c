package io.evalstream.grader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How answers judged on a rubric are judged: the automatic judge's threads, the judge tasks' token budget and the
 * secret their answer markers come from.
 */
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

    /**
     * A file holding the secret (a mounted secret, at least 16 bytes; read once at start, trailing whitespace
     * trimmed) that the markers around a judged answer are derived from. Replicas and restarts sharing it publish the
     * same judge prompt for the same answer. Absent: each process draws its own key.
     */
    Optional<Path> markerKeyFile();
}
