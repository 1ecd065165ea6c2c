package io.evalstream.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./run up}: the stack on the documented ports until Ctrl-C, to drive by hand with curl and kcat. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a broker (localhost:9092) and the four services (ports 8081-8084) and keep them "
                + "running until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--datasets", description = "Datasets root laid out like ../shared/datasets "
            + "(default: the samples built into the prompt-producer).")
    Path datasets;

    @Option(names = "--work-dir", description = "Where broker data and service logs go (default: a new temp dir).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("evalstream-up");
        LocalStack stack = LocalStack.start(new StackOptions(StackOptions.defaultHome(), dir, datasets, Map.of(), true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stack-stop"));
        System.out.println("evalstream is up (simulated models: " + String.join(", ", RunSpecs.SIMULATED_MODELS)
                + "); Ctrl-C stops everything.");
        System.out.print(stack.describe());
        stopped.await();
        return 0;
    }
}
