package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The live heap read from {@code jcmd GC.class_histogram} as JDK 25 prints it. */
class LiveHeapTest {

    @Test
    void theTotalLessTheCollectorsFillerObjects() {
        String histogram = """
                17480:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         67930       16703736  [B (java.base@25.0.3)
                   2:          4220       12989656  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)
                   3:         63157        1515768  java.lang.String (java.base@25.0.3)
                  27:          2791          89312  org.apache.kafka.common.metrics.KafkaMetric
                 412:            12            288  jdk.internal.vm.FillerObject (java.base@25.0.3)
                 824:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@25.0.3)
                Total        138111       31298776
                """;

        assertThat(LiveHeap.liveBytes(histogram)).isEqualTo(31_298_776L - 12_989_656L - 288L);
    }

    @Test
    void withoutFillersTheTotalIsTheLiveHeap() {
        String histogram = """
                22260:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         15392         757744  [B (java.base@25.0.3)
                 824:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@25.0.3)
                Total         66892        2983864
                """;

        assertThat(LiveHeap.liveBytes(histogram)).isEqualTo(2_983_864L);
    }

    @Test
    void anAnswerWithoutATotalIsAnErrorThatShowsIt() {
        assertThatThrownBy(() -> LiveHeap.liveBytes("19254:\ncom.sun.tools.attach.AttachNotSupportedException\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AttachNotSupportedException");
    }
}
