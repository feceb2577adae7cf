package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.body.TaskRunCreate;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Task runs: create and read. As in Prefect, creating a task run that already exists for the same
 * {@code (flow_run_id, task_key, dynamic_key)} answers that one with 200.
 */
final class TaskRunHandlers {
    private final FlowsweepStorage storage;
    private final TransientRetries writes;
    private final ServerJson json;

    TaskRunHandlers(FlowsweepStorage storage, TransientRetries writes, ServerJson json) {
        this.storage = storage;
        this.writes = writes;
        this.json = json;
    }

    void register(Router router) {
        router.post("/task_runs", this::create);
        router.get("/task_runs/{id}", this::get);
    }

    Response create(Request request) {
        TaskRun taskRun = ModelJson.readBody(json, request.json(), TaskRunCreate.class).toTaskRun();
        return writes.inTransaction(tx -> {
            Optional<TaskRun> existing = tx.taskRuns().findByFlowRunIds(List.of(taskRun.flowRunId())).stream()
                    .filter(t -> t.taskKey().equals(taskRun.taskKey()) && t.dynamicKey().equals(taskRun.dynamicKey()))
                    .findFirst();
            if (existing.isPresent()) {
                return Response.ok(existing.get());
            }
            tx.taskRuns().insert(taskRun); // an existing id or an unknown flow run: conflict (409)
            return Response.created(taskRun);
        });
    }

    Response get(Request request) {
        UUID id = request.uuidParam("id", "Task run not found");
        return storage.inTransaction(tx -> tx.taskRuns().findById(id))
                .map(Response::ok)
                .orElseThrow(() -> ApiException.notFound("Task run not found"));
    }
}
