package io.evalstream.grader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the evalstream topics are created when this service finds them missing. The key is shared by every
 * service, so whichever starts first creates the topics the same way.
 */
@ConfigMapping(prefix = "evalstream.topics")
public interface TopicsConfig {

    /** Partitions of each new topic; they bound how many grader replicas share the work. */
    @WithDefault("6")
    int partitions();

    /** Copies of each new topic's partitions: 1 for a one-broker cluster, 3 for a production one. */
    @WithDefault("1")
    short replicationFactor();
}
