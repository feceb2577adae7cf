package dev.flowsweep.examples.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.json.jackson2.FlowsweepJacksonModule;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * How a host application embeds Flowsweep: it already has a {@link DataSource} (its connection pool) and an
 * {@link ObjectMapper} (its JSON setup); Flowsweep uses both and owns neither.
 * <ol>
 *   <li>{@link JdbcStorage} over the host's DataSource (tables created on first use);</li>
 *   <li>a {@link LogPurger} for the background log purge, and the {@link BulkDeleteService} that wakes it;</li>
 *   <li>the {@link FlowsweepJacksonModule} registered on the host's mapper, so the host's own endpoints read
 *       Prefect's bulk-delete body and write the result with the mapper they already use.</li>
 * </ol>
 * {@link #close()} stops the purge (leaving what is queued in the database) and never closes the DataSource.
 */
public final class HostApplication implements AutoCloseable {
    private final ObjectMapper mapper;
    private final FlowsweepStorage storage;
    private final LogPurger purger;
    private final BulkDeleteService service;

    public HostApplication(DataSource dataSource, ObjectMapper hostMapper) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.mapper = Objects.requireNonNull(hostMapper, "hostMapper");
        this.mapper.registerModule(new FlowsweepJacksonModule());
        this.storage = new JdbcStorage(dataSource);
        this.purger = new LogPurger(storage).start();
        this.service = BulkDeleteService.builder(storage).logPurger(purger).limitCap(500).build();
    }

    /**
     * The host's own "delete runs" endpoint, minus the HTTP: Prefect's body
     * ({@code {"flow_runs": {...}, "limit": n}}) in, {@code {"deleted": [...]}} out.
     *
     * @throws JsonProcessingException when the body is not a valid request (its problems name the JSON path)
     */
    public String deleteRuns(String requestJson) throws JsonProcessingException {
        BulkDeleteRequest request = mapper.readValue(requestJson, BulkDeleteRequest.class);
        BulkDeleteResult result = service.bulkDelete(request.withActor("host-application"));
        return mapper.writeValueAsString(result);
    }

    public FlowsweepStorage storage() {
        return storage;
    }

    public LogPurger logPurger() {
        return purger;
    }

    @Override
    public void close() {
        purger.close();
        storage.close();
    }
}
