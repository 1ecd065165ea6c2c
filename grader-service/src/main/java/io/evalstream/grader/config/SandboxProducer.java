package io.evalstream.grader.config;

import io.evalstream.sandbox.Sandbox;
import io.evalstream.sandbox.SandboxConfig;
import io.evalstream.sandbox.SandboxLimits;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Starts the code sandbox once, at startup, so its isolation is probed and logged before the first code task. */
public class SandboxProducer {

    private static final Logger LOG = Logger.getLogger(SandboxProducer.class);

    @Produces
    @Singleton
    @Startup
    Sandbox sandbox(SandboxSettings settings) {
        SandboxConfig defaults = SandboxConfig.defaults();
        SandboxConfig config = new SandboxConfig(settings.python(), settings.bwrap().orElse(defaults.bwrap()),
                settings.workRoot().orElse(defaults.workRoot()), settings.slots().orElse(defaults.slots()),
                new SandboxLimits(settings.cpuTime(), settings.wallTime(), settings.memory().asLongValue(),
                        settings.processes(), settings.output().asLongValue(), settings.fileSize().asLongValue(),
                        settings.totalMemory().asLongValue()),
                settings.fallback());
        Sandbox sandbox = Sandbox.start(config);
        LOG.infof("Code sandbox: %s", sandbox.describe());
        return sandbox;
    }

    void close(@Disposes Sandbox sandbox) {
        sandbox.close();
    }
}
