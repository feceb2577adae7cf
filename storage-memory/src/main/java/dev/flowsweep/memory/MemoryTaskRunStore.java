package dev.flowsweep.memory;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.TaskRunStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

final class MemoryTaskRunStore implements TaskRunStore {
    private final MemoryTransaction tx;

    MemoryTaskRunStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void insert(TaskRun taskRun) {
        Objects.requireNonNull(taskRun, "taskRun");
        Tables t = tx.tables();
        if (t.taskRuns.containsKey(taskRun.id())) {
            throw new FlowsweepConflictException("task run " + taskRun.id() + " already exists");
        }
        if (!t.runs.containsKey(taskRun.flowRunId())) {
            throw new FlowsweepConflictException("task run " + taskRun.id() + " names flow run "
                    + taskRun.flowRunId() + ", which does not exist");
        }
        t.insertTaskRun(taskRun);
    }

    @Override
    public Optional<TaskRun> findById(UUID id) {
        return Optional.ofNullable(tx.tables().taskRuns.get(id));
    }

    @Override
    public List<TaskRun> findByFlowRunIds(Collection<UUID> flowRunIds) {
        Tables t = tx.tables();
        List<TaskRun> result = new ArrayList<>();
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> ids = t.taskRunIdsByFlowRun.get(flowRunId);
            if (ids != null) {
                for (UUID id : ids) {
                    result.add(t.taskRuns.get(id));
                }
            }
        }
        return List.copyOf(result);
    }

    /** Deletes the task runs, nulling the {@code parent_task_run_id} of subflows that pointed at them. */
    @Override
    public int deleteByFlowRunIds(Collection<UUID> flowRunIds) {
        Tables t = tx.tables();
        int deleted = 0;
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> ids = t.taskRunIdsByFlowRun.get(flowRunId);
            if (ids == null) {
                continue;
            }
            for (UUID id : List.copyOf(ids)) {
                orphanSubflowsOfTaskRun(t, id);
                t.removeTaskRun(id);
                deleted++;
            }
        }
        return deleted;
    }

    /** Sets {@code parent_task_run_id} to null on the runs whose parent is this task run; returns how many. */
    static int orphanSubflowsOfTaskRun(Tables t, UUID taskRunId) {
        Set<UUID> subflowIds = t.runIdsByParentTaskRun.get(taskRunId);
        if (subflowIds == null) {
            return 0;
        }
        int changed = 0;
        for (UUID subflowId : List.copyOf(subflowIds)) {
            FlowRun subflow = t.runs.get(subflowId);
            t.putRun(subflow.toBuilder().parentTaskRunId(null).build());
            changed++;
        }
        return changed;
    }
}
