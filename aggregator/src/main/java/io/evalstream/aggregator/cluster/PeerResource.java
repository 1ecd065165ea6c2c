package io.evalstream.aggregator.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.evalstream.aggregator.streams.StateJson;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import io.evalstream.contracts.Require;
import io.evalstream.contracts.ScoreKey;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * What this instance holds, for the other instances of the aggregator (behind the same bearer token as every
 * {@code /runs} call): the entries of the partitions it runs as active, and which those are.
 */
@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class PeerResource {

    private final StreamsLifecycle streams;

    PeerResource(StreamsLifecycle streams) {
        this.streams = streams;
    }

    @GET
    @Path("/tallies")
    public byte[] tallies(@QueryParam("run") String runId) throws JsonProcessingException {
        return encode(streams.local().tallies(prefix(runId)));
    }

    @GET
    @Path("/samples")
    public byte[] samples(@QueryParam("run") String runId) throws JsonProcessingException {
        return encode(streams.local().samples(ScoreKey.runPrefix(valid(runId))));
    }

    // The mapper the stores' state is written with, which Peers reads with: the REST layer's own may differ.
    private static byte[] encode(Slice<?> slice) throws JsonProcessingException {
        return StateJson.mapper().writeValueAsBytes(slice);
    }

    private static String prefix(String runId) {
        return runId == null ? null : ScoreKey.runPrefix(valid(runId));
    }

    private static String valid(String runId) {
        if (runId == null || !Require.ID.matcher(runId).matches()) {
            throw new BadRequestException("query parameter 'run' must be a valid run id, got '" + runId + "'");
        }
        return runId;
    }
}
