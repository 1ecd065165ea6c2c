package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxBenchTest {

    @TempDir
    Path workRoot;

    @Test
    @Tag("integration")
    void benchCountsPassesAndThroughput() throws InterruptedException {
        List<String> programs = List.of("pass\n", "assert False\n", "print(sum(range(10)))\n", "import sys\nsys.exit(1)\n");

        SandboxBench.Result result = SandboxBench.run(SandboxFixture.config(workRoot, 2, SandboxFixture.FAST), programs);

        assertThat(result.isolation()).isEqualTo(Isolation.BUBBLEWRAP);
        assertThat(result.executions()).isEqualTo(4);
        assertThat(result.passed()).isEqualTo(2);
        assertThat(result.parallelism()).isEqualTo(2);
        assertThat(result.executionsPerSecond()).isPositive();
    }

    @Test
    void resultIsOneHandFormattedJsonLine() {
        SandboxBench.Result result = new SandboxBench.Result(164, 164, 2, Duration.ofMillis(4000), Isolation.BUBBLEWRAP);

        assertThat(result.toJson("sandbox_humaneval")).isEqualTo("{\"bench\":\"sandbox_humaneval\",\"executions\":164,"
                + "\"passed\":164,\"parallelism\":2,\"executions_per_s\":41.0,\"isolation\":\"BUBBLEWRAP\"}");
    }
}
