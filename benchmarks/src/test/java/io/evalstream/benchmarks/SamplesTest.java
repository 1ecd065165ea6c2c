package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.benchmarks.data.ClasspathRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in files: indexed completely, original (none copied from the real sets), and the code samples run. */
@Timeout(120)
class SamplesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"datasets/", "benchmarks/"})
    void theIndexListsEveryFileOfItsDirectory(String directory) throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(RESOURCES.resolve(directory))) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(file -> RESOURCES.resolve(directory).relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !path.equals("index.txt")).sorted().toList();
        }

        assertThat(new ClasspathRoot(getClass().getClassLoader(), directory, "test").files())
                .containsExactlyElementsOf(onDisk);
    }

    @Test
    @Tag("integration")
    void everyHumanEvalSampleSolutionPassesItsTestsAndAStubFailsThem() throws Exception {
        Benchmark humanEval = CatalogLoader.load(CatalogConfig.BUILT_IN).find("humaneval").orElseThrow();
        Optional<String> python = python();
        if (python.isEmpty()) {
            System.err.println("\n!!! NOT CHECKED: the HumanEval samples against python3 (no python3 on PATH)\n");
            assertThat(humanEval.items()).allSatisfy(item -> assertThat(item.code().test()).contains("def check("));
            return;
        }
        for (Item item : humanEval.items()) {
            String check = item.code().test() + "\ncheck(" + item.code().entryPoint() + ")\n";
            assertThat(run(python.get(), item.code().prefix() + item.reference() + check)).as(item.id()).isZero();
            assertThat(run(python.get(), item.code().prefix() + "    raise NotImplementedError\n" + check))
                    .as(item.id()).isNotZero();
        }
    }

    @Test
    void noSampleQuestionIsCopiedFromTheRealDatasets() {
        Optional<Path> real = RealDatasets.dir("the samples' originality against the real datasets");
        Set<String> sampleTexts = texts(CatalogLoader.load(CatalogConfig.BUILT_IN), "built-in samples");
        assertThat(sampleTexts).hasSizeGreaterThan(100);
        if (real.isEmpty()) {
            return;
        }
        Set<String> realTexts = texts(CatalogLoader.load(new CatalogConfig(real, Optional.empty())),
                real.get().toString());
        assertThat(realTexts).hasSizeGreaterThan(20_000);

        assertThat(sampleTexts).doesNotContainAnyElementsOf(realTexts);
    }

    /** Every question-like text of the items of benchmarks whose data comes from {@code source}, lower-cased. */
    private static Set<String> texts(Catalog catalog, String source) {
        Set<String> texts = new HashSet<>();
        for (Benchmark benchmark : catalog.all()) {
            if (!benchmark.source().startsWith(source)) {
                continue;
            }
            for (Item item : benchmark.items()) {
                for (String field : List.of("question", "prompt")) {
                    if (item.context().get(field) instanceof String text) {
                        texts.add(text.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return texts;
    }

    private static Optional<String> python() {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process process = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException | InterruptedException e) {
                // Not this one; try the next name.
            }
        }
        return Optional.empty();
    }

    private static int run(String python, String program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, "-c", program).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python did not finish within 20 s; output: " + output);
        }
        return process.exitValue();
    }
}
