package io.evalstream.aggregator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.ScoreKey;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnershipTest {

    /** The gauges must sit where Kafka Streams writes the cell's tally: the producer's own partitioner decides. */
    @ParameterizedTest(name = "{0} on {1} partitions")
    @CsvSource({"run-1/sim-strong/gsm8k, 6", "e2e-replicas-1765090000000/sim-paced/mmlu, 6", "r/m/b, 1", "run/a/b, 12"})
    void aCellIsOwnedWhereTheDefaultPartitionerPutsItsKey(String cell, int partitions) {
        ScoreKey key = ScoreKey.parse(cell);
        int kafka = BuiltInPartitioner.partitionForKey(new StringSerializer().serialize("t", cell), partitions);
        for (int partition = 0; partition < partitions; partition++) {
            assertThat(new Ownership(partitions, Set.of(partition)).owns(key)).as("partition %d", partition)
                    .isEqualTo(partition == kafka);
        }
        assertThat(new Ownership(partitions, Set.copyOf(IntStream.range(0, partitions).boxed().toList())).whole())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"run-1, 6", "e2e-replicas-1765090000000, 6", "x, 3"})
    void exactlyOneOfTheInstancesSharingThePartitionsLeadsARun(String runId, int partitions) {
        long leaders = IntStream.range(0, partitions)
                .filter(partition -> new Ownership(partitions, Set.of(partition)).leads(runId)).count();
        assertThat(leaders).isEqualTo(1);
        assertThat(Ownership.NONE.leads(runId)).isFalse();
        assertThat(Ownership.ALL.leads(runId)).isTrue();
    }
}
