package dev.flowsweep.spi;

import dev.flowsweep.model.TaskRun;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Task runs. */
public interface TaskRunStore {
    /** @throws FlowsweepConflictException for an existing id or a {@code flowRunId} that names no flow run */
    void insert(TaskRun taskRun);

    Optional<TaskRun> findById(UUID id);

    /** The task runs of these flow runs, in no particular order. */
    List<TaskRun> findByFlowRunIds(Collection<UUID> flowRunIds);

    /** Deletes the task runs of these flow runs; returns how many. */
    int deleteByFlowRunIds(Collection<UUID> flowRunIds);
}
