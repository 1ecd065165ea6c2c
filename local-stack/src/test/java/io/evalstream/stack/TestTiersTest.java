package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./run test --fast} leaves out the tests tagged {@code integration}: a test class that boots Quarkus, starts a
 * broker or the local stack, runs a service process, or needs a system tool or native code outside the JVM (the
 * bubblewrap sandbox, python3, docker-compose, kubectl, promtool, node, llama.cpp with the real models, the judge's
 * embedding model on ONNX Runtime) must carry the tag (itself, on the methods that need them, or from
 * {@link SharedStack}), or the fast tier would start one after all and need tools its set-up does not install.
 */
class TestTiersTest {

    /** Ways a test reaches a process or native code outside the JVM (llama.cpp; ONNX Runtime under MiniLM). */
    private static final String SYSTEM_TOOLS = "\\bSandbox\\.start\\(|\\bSandboxFixture\\.startBubblewrap|"
            + "\\bSandboxBench\\.run\\(|\\bnew ProcessBuilder\\(|\\bCommandLine\\.(require|run)\\(|"
            + "\\bRenderedOverlays\\.(result|unreadable|all)\\(|\\bDashboardCheck\\.|\\bComposeContainer\\b|"
            + "\\bGgufBackend\\.load\\(|\\bLlamaModels\\.load|\\bnew MiniLmEmbedder\\(";
    private static final Pattern NEEDS_INFRASTRUCTURE = Pattern.compile("@QuarkusTest\\b|\\bLocalKafka\\.|"
            + "\\bTestBrokers\\.|\\bProvisionedBroker\\b|\\bKafkaTestResource\\b|\\bLocalStack\\.start|"
            + "\\bPrometheusServer\\.start|\\bStubProcess\\.|\\bServiceProcess\\(|Main\\.class\\.getName\\(\\)|"
            + SYSTEM_TOOLS);
    /** On the class, or on the methods that need the tool while the class's other tests stay in the fast tier. */
    private static final Pattern TAGGED = Pattern.compile("@Tag\\(\"integration\"\\)|\\bextends SharedStack\\b");

    @Test
    void everyTestClassThatNeedsABrokerOrAServiceIsTaggedIntegration() throws IOException {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(RenderedOverlays.HOME)) {
            untagged = files.filter(file -> file.toString().endsWith("Test.java"))
                    .filter(file -> file.toString().contains("/src/test/java/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .filter(file -> !file.getFileName().toString().equals("TestTiersTest.java"))
                    .filter(file -> needsTheTagButLacksIt(read(file)))
                    .map(file -> RenderedOverlays.HOME.relativize(file).toString()).sorted().toList();
        }
        assertThat(untagged).as("test classes that need a broker or a service but run in ./run test --fast;"
                + " add @Tag(\"integration\") to the class, or to the methods that need them").isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            @QuarkusTest class RunResourceTest {}                                             | true
            @Tag("integration") @QuarkusTest class RunResourceTest {}                         | false
            class E2eTest extends SharedStack {}                                              | false
            class SandboxAttackTest { Sandbox sandbox = Sandbox.start(config); }              | true
            class GgufTest { GgufBackend b = GgufBackend.load(m, spec); }                     | true
            class ComposeFileTest { Path p = CommandLine.require("docker-compose", "x"); }    | true
            class T { @Test @Tag("integration") void runs() { new ProcessBuilder("python3"); } } | false
            class TaskIdTest { TaskId id = TaskId.parse("r/m/b/i/v/0"); }                     | false
            """)
    void aSourceThatReachesOutsideTheJvmNeedsTheTag(String source, boolean flagged) {
        assertThat(needsTheTagButLacksIt(source)).isEqualTo(flagged);
    }

    private static boolean needsTheTagButLacksIt(String source) {
        return NEEDS_INFRASTRUCTURE.matcher(source).find() && !TAGGED.matcher(source).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
