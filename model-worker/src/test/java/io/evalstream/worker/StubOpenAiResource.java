package io.evalstream.worker;

import io.evalstream.worker.openai.StubOpenAi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Adds a model {@value #MODEL} served by the openai backend against a local stub server. */
public final class StubOpenAiResource implements QuarkusTestResourceLifecycleManager {

    public static final String MODEL = "stub-gpt";

    private StubOpenAi stub;

    @Override
    public Map<String, String> start() {
        stub = StubOpenAi.start();
        String prefix = "evalstream.worker.models." + MODEL + ".";
        return Map.of(
                prefix + "backend", "openai",
                prefix + "openai.base-url", stub.baseUrl("ok"),
                prefix + "openai.model", "stub-upstream",
                prefix + "openai.api-key", StubOpenAi.SECRET);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
