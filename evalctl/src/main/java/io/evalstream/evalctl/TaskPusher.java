package io.evalstream.evalctl;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes tasks onto {@link Topics#TASKS} keyed by task id, as the prompt-producer does (so each lands on the
 * partition a Java producer would choose), and returns only once Kafka has acknowledged every one.
 */
final class TaskPusher {

    private static final int BLOCK_MILLIS = 15_000;
    private static final Map<String, Object> SETTINGS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, BLOCK_MILLIS,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, BLOCK_MILLIS,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * BLOCK_MILLIS);

    private TaskPusher() {
    }

    static void push(KafkaClients kafka, List<TaskLines.Task> tasks) {
        String bootstrapServers = kafka.bootstrapServers();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("evalctl", SETTINGS)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (TaskLines.Task task : tasks) {
                acks.add(producer.send(new ProducerRecord<>(Topics.TASKS, task.taskId(), task.json())));
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                await(acks.get(i), tasks.get(i), bootstrapServers);
            }
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, e);
        } catch (AuthenticationException | AuthorizationException e) {
            throw refusedCredentials(bootstrapServers, e);
        } catch (KafkaException e) {
            throw new CliException(ExitCode.SERVICE_ERROR, "Kafka at " + bootstrapServers + " refused the tasks: "
                    + e.getMessage(), e);
        }
    }

    private static void await(Future<RecordMetadata> ack, TaskLines.Task task, String bootstrapServers) {
        try {
            ack.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeout) {
                throw unreachable(bootstrapServers, timeout);
            }
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                throw refusedCredentials(bootstrapServers, (KafkaException) e.getCause());
            }
            throw new CliException(ExitCode.SERVICE_ERROR, "Kafka did not acknowledge line " + task.line() + " ("
                    + task.taskId() + "): " + e.getCause().getMessage() + ". Pushing the file again is safe: the"
                    + " aggregator counts a task once.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while waiting for Kafka", e);
        }
    }

    private static CliException refusedCredentials(String bootstrapServers, KafkaException e) {
        return new CliException(ExitCode.SERVICE_ERROR, "Kafka at " + bootstrapServers + " refused evalctl's"
                + " credentials (" + e.getMessage() + "); check sasl.jaas.config and the ssl.* settings in"
                + " --kafka-config or EVALSTREAM_KAFKA_*, and that the user may write " + Topics.TASKS, e);
    }

    private static CliException unreachable(String bootstrapServers, TimeoutException e) {
        return new CliException(ExitCode.UNREACHABLE, "cannot reach Kafka at " + bootstrapServers + " ("
                + e.getMessage() + "). Point evalctl at it with --bootstrap-servers or EVALSTREAM_BOOTSTRAP_SERVERS; a"
                + " secured cluster also needs its client settings, --kafka-config FILE or EVALSTREAM_KAFKA_*.",
                e);
    }

}
