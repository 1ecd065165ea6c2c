package io.evalstream.stack;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./run up}: the stack on the documented ports until Ctrl-C, to drive by hand with curl and kcat. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a broker (localhost:9092) and the four services (ports 8081-8084) and keep them "
                + "running until Ctrl-C; --model serves models of your own beside the simulated ones.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackDirs dirs;

    @Mixin
    WorkDirOptions work;

    @Mixin
    ModelArgs modelArgs;

    @Option(names = "--workers", defaultValue = "1", description = "Model-worker replicas, one consumer group sharing "
            + "the tasks; the first on port 8082, the others on free ports (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--graders", defaultValue = "1", description = "Grader replicas, one consumer group; the first on"
            + " port 8083 (default: ${DEFAULT-VALUE}).")
    int graders;

    @Option(names = "--aggregators", defaultValue = "1", description = "Aggregator instances, one Kafka Streams"
            + " application; the first on port 8084, and any of them answers any call whole (default: ${DEFAULT-VALUE}).")
    int aggregators;

    @Option(names = "--secure", description = "Kafka with only a SASL_SSL listener (SCRAM-SHA-512, a certificate made"
            + " at start) and ACLs: each service logs in as its own user with the least rights it needs, and an"
            + " evalstream-push user may only write tasks.")
    boolean secure;

    @Override
    public Integer call() throws Exception {
        for (var count : java.util.Map.of("--workers", workers, "--graders", graders, "--aggregators", aggregators)
                .entrySet()) {
            if (count.getValue() < 1) {
                System.err.println(count.getKey() + " must be at least 1, not " + count.getValue() + ".");
                return 2;
            }
        }
        Optional<OwnModels> checked = modelArgs.resolve();
        if (checked.isEmpty()) {
            return 2;
        }
        OwnModels own = checked.get();
        // Before the work directory exists: a taken port is no failure to keep data for.
        DefaultPorts.requireFree();
        WorkDir dir = work.open("evalstream-up");
        System.out.println(dir.describe());
        StackOptions open = StackOptions.of(StackOptions.defaultHome(), dir.path(), dirs.datasets, own.workerProperties())
                .withBenchmarks(dirs.benchmarks).withDefaultPorts().withWorkers(workers);
        StackOptions options = secure ? open.withSecurity() : open;
        return dir.run(() -> serve(scaled(LocalStack.start(options)), own), System.err);
    }

    private LocalStack scaled(LocalStack stack) {
        stack.startGraders(graders - 1);
        stack.startAggregators(aggregators - 1);
        return stack;
    }

    /** Until Ctrl-C or SIGTERM: the exit hook then stops the broker and the services, and deletes their data. */
    private int serve(LocalStack stack, OwnModels own) throws InterruptedException {
        System.out.println("evalstream is up (simulated models: " + String.join(", ", RunSpecs.SIMULATED_MODELS)
                + "); Ctrl-C stops everything.");
        if (!own.isEmpty()) {
            System.out.println("Your models, served by every worker beside the simulated ones (a key is read by the"
                    + " workers from the variable or file named, never passed on a command line):");
            System.out.print(own.describe());
        }
        System.out.print(stack.describe());
        stack.identities().ifPresent(identities -> {
            System.out.println("Kafka is secured: clients need SASL_SSL, a user and the broker's certificate. Push tasks"
                    + " as the evalstream-push user (it may write evalstream.tasks and nothing else):");
            System.out.println("  ./run evalctl push --kafka-config " + identities.pushFile() + " tasks.jsonl");
        });
        System.out.println("Run and admin endpoints need the stack's bearer token, in " + stack.token().file()
                + " (readable by you only):");
        System.out.println("  export EVALSTREAM_TOKEN=$(cat " + stack.token().file() + ")");
        System.out.println("  curl -H \"Authorization: Bearer $EVALSTREAM_TOKEN\" localhost:" + DefaultPorts.PRODUCER
                + "/benchmarks");
        Thread.currentThread().join();
        return 0;
    }
}
