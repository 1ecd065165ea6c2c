package io.evalstream.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.JsonSerde;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Tally;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading back what was just written hands out the written value; anything else is decoded as before. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RememberingSerdeTest {

    private final Serde<Tally> serde = new RememberingSerde<>(new JsonSerde<>(Tally.class), 2);

    private static Tally tally(long correct) {
        return Tally.ofCounts(new VerdictCounts(correct, 1, 0, 0, 0), new ScoreSums(correct, correct),
                new CellLabels(Category.MATH, "h"));
    }

    private byte[] write(Tally tally) {
        return serde.serializer().serialize("t", tally);
    }

    private Tally read(byte[] bytes) {
        return serde.deserializer().deserialize("t", bytes);
    }

    @Test
    void bytesJustWrittenReadAsTheWrittenValue() {
        Tally written = tally(3);

        assertThat(read(write(written))).isSameAs(written);
    }

    @Test
    void bytesNeverWrittenAreDecoded() {
        byte[] bytes = new JsonSerde<>(Tally.class).serializer().serialize("t", tally(4));

        Tally read = read(bytes);

        assertThat(read).isEqualTo(tally(4));
        assertThat(read(bytes)).isNotSameAs(read).isEqualTo(read);
    }

    @Test
    void equalContentInAnotherArrayIsRecognised() {
        Tally written = tally(5);
        byte[] copy = write(written).clone();

        assertThat(read(copy)).isSameAs(written);
    }

    @Test
    void changingTheReturnedArrayDoesNotChangeWhatIsRemembered() {
        Tally written = tally(6);
        byte[] bytes = write(written);
        byte[] original = bytes.clone();
        bytes[bytes.length - 2] = '9';

        assertThat(read(original)).isSameAs(written);
    }

    @Test
    void theLeastRecentlyUsedValueIsForgottenBeyondTheCapacity() {
        Tally first = tally(1);
        byte[] firstBytes = write(first);
        write(tally(2));
        write(tally(3));

        assertThat(read(firstBytes)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void anotherThreadDecodesForItself() throws Exception {
        Tally written = tally(7);
        byte[] bytes = write(written);

        Tally elsewhere = CompletableFuture.supplyAsync(() -> read(bytes)).get(5, TimeUnit.SECONDS);

        assertThat(elsewhere).isNotSameAs(written).isEqualTo(written);
    }

    @Test
    void nullStaysNullAndInvalidBytesStillFail() {
        assertThat(read(null)).isNull();
        assertThat(write(null)).isNull();
        assertThatThrownBy(() -> read("{\"graded\":-1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("invalid");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new RememberingSerde<>(new JsonSerde<>(Tally.class), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
