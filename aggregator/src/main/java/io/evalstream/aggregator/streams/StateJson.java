package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.JsonSerde;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;

/**
 * The JSON of the stores' state ({@link Tally}, {@link GradedSample}), in the stores, their changelogs, the
 * repartition topics and between instances. Each is built of values but written as the one flat object it always
 * was, field for field, so a running deployment's changelogs survive an upgrade. A tally is written by
 * {@link TallyWriter} and read by {@link TallyReader}, a sample by {@link SampleWriter} and {@link SampleReader}, all
 * by hand and in one pass (here, not in the scoring package, which stays free of Jackson): both are encoded and
 * decoded for every grade, and Jackson's {@code @JsonUnwrapped} made that slower.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .registerModule(new SimpleModule("state-json").addSerializer(Tally.class, new TallyWriter())
                    .addDeserializer(Tally.class, new TallyReader())
                    .addSerializer(GradedSample.class, new SampleWriter())
                    .addDeserializer(GradedSample.class, new SampleReader()));

    private StateJson() {
    }

    /** The wire mapper ({@link Json#mapper()}) reading and writing the state flat. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static <T> JsonSerde<T> serde(Class<T> type) {
        return new JsonSerde<>(WireFormat.of(type, MAPPER));
    }
}
