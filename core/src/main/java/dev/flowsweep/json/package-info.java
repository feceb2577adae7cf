/**
 * JSON binding of Flowsweep: Prefect's wire format, read strictly and written exactly, on Jackson 2.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.flowsweep.json.FlowsweepJacksonModule}: register on your own {@code ObjectMapper}.</li>
 *   <li>{@link dev.flowsweep.json.FlowsweepJson}: a ready mapper plus {@code read}/{@code write} methods.</li>
 *   <li>{@link dev.flowsweep.json.FlowsweepJsonException}: the one exception for bad input, with a list of
 *       {@link dev.flowsweep.json.JsonProblem}s ({@code loc}, {@code msg}, {@code type}) ready for Prefect's 422
 *       body {@code {"exception_detail": [{"loc": ["body", ...], "msg", "type"}]}}.</li>
 *   <li>{@link dev.flowsweep.json.JsonOptions}: list size cap (default 100,000), problem cap, output options.</li>
 *   <li>{@link dev.flowsweep.json.JsonTimes}: the time format, to parse or format times elsewhere (query strings).</li>
 * </ul>
 *
 * <h2>Bulk delete</h2>
 * <table>
 *   <caption>Request and result of {@code POST /flow_runs/bulk_delete}</caption>
 *   <tr><th>JSON</th><th>Java</th><th>rules</th></tr>
 *   <tr><td>{@code {"flow_runs": filter, "limit": n, "actor": "..."}}</td>
 *       <td>{@code BulkDeleteRequest(filter, limit, actor)}</td>
 *       <td>every key optional; a {@code null} value means the default (no filter: every run; the service's cap;
 *           no actor). {@code limit} is a JSON integer &gt;= 1 (its upper bound is the service's cap, checked by
 *           the service); {@code actor} a string of at most 255 characters.</td></tr>
 *   <tr><td>{@code {"deleted": ["id", ...], "released_slots": {"limit-id": n}}}</td>
 *       <td>{@code BulkDeleteResult}</td>
 *       <td>{@code deleted} in {@code ID_DESC} order; {@code released_slots} only when asked
 *           ({@link dev.flowsweep.json.JsonOptions#writeReleasedSlots()} or the writer attribute
 *           {@link dev.flowsweep.json.FlowsweepJacksonModule#WRITE_RELEASED_SLOTS}), after {@code deleted}.</td></tr>
 * </table>
 *
 * <h2>FlowRunFilter</h2>
 * <table>
 *   <caption>The 15 criteria of Prefect's {@code FlowRunFilter} and the top-level operator</caption>
 *   <tr><th>key</th><th>sub-keys (value types)</th><th>Java</th></tr>
 *   <tr><td>{@code operator}</td><td>{@code "and_"} (default) or {@code "or_"}</td><td>{@code Operator}</td></tr>
 *   <tr><td>{@code id}</td><td>{@code any_}, {@code not_any_} (UUID lists)</td><td>{@code IdFilter}</td></tr>
 *   <tr><td>{@code name}</td><td>{@code any_} (strings), {@code like_} (string)</td><td>{@code NameFilter}</td></tr>
 *   <tr><td>{@code tags}</td><td>{@code operator}, {@code all_}, {@code any_} (strings), {@code is_null_} (boolean)</td>
 *       <td>{@code TagsFilter}</td></tr>
 *   <tr><td>{@code deployment_id}</td><td>{@code operator}, {@code any_} (UUIDs), {@code is_null_}</td>
 *       <td>{@code DeploymentIdFilter}</td></tr>
 *   <tr><td>{@code work_queue_name}</td><td>{@code operator}, {@code any_} (strings), {@code is_null_}</td>
 *       <td>{@code WorkQueueNameFilter}</td></tr>
 *   <tr><td>{@code state}</td><td>{@code operator}, {@code type: {any_, not_any_}} (state types),
 *       {@code name: {any_, not_any_}} (strings)</td><td>{@code StateFilter}</td></tr>
 *   <tr><td>{@code flow_version}</td><td>{@code any_} (strings)</td><td>{@code FlowVersionFilter}</td></tr>
 *   <tr><td>{@code start_time}</td><td>{@code before_}, {@code after_} (times), {@code is_null_}</td>
 *       <td>{@code StartTimeFilter}</td></tr>
 *   <tr><td>{@code end_time}</td><td>{@code before_}, {@code after_}, {@code is_null_}</td><td>{@code EndTimeFilter}</td></tr>
 *   <tr><td>{@code expected_start_time}</td><td>{@code before_}, {@code after_}</td><td>{@code ExpectedStartTimeFilter}</td></tr>
 *   <tr><td>{@code next_scheduled_start_time}</td><td>{@code before_}, {@code after_}</td>
 *       <td>{@code NextScheduledStartTimeFilter}</td></tr>
 *   <tr><td>{@code parent_flow_run_id}</td><td>{@code operator}, {@code any_} (UUIDs)</td><td>{@code ParentFlowRunIdFilter}</td></tr>
 *   <tr><td>{@code parent_task_run_id}</td><td>{@code operator}, {@code any_} (UUIDs), {@code is_null_}</td>
 *       <td>{@code ParentTaskRunIdFilter}</td></tr>
 *   <tr><td>{@code idempotency_key}</td><td>{@code any_}, {@code not_any_} (strings)</td><td>{@code IdempotencyKeyFilter}</td></tr>
 *   <tr><td>{@code created_by}</td><td>{@code operator}, {@code id_} (UUIDs), {@code type_} (strings), {@code is_null_}</td>
 *       <td>{@code CreatedByFilter}</td></tr>
 * </table>
 * <p>What the values mean (empty lists, dropped sub-filters, inclusive bounds) is {@code FlowRunFilter}'s
 * business; JSON and the Java builder construct equal objects. When written, a filter has only the parts that
 * are set; {@code operator} appears only when it is {@code "or_"}; empty lists are kept ({@code "any_": []}
 * matches nothing).
 *
 * <h2>Other types</h2>
 * <table>
 *   <caption>Objects written in responses and read as creation bodies</caption>
 *   <tr><th>Java</th><th>written as</th><th>read as</th></tr>
 *   <tr><td>{@code FlowRun}</td>
 *       <td>{@code {"id", "name", "flow_id", "state_type", "state_name", "state": {"type", "name"} | null, "tags",
 *           "deployment_id", "work_queue_name", "flow_version", "start_time", "end_time", "expected_start_time",
 *           "next_scheduled_start_time", "parent_task_run_id", "idempotency_key",
 *           "created_by": {"id", "type", "display_value"} | null, "created", "updated"}}, every key present</td>
 *       <td>the same keys ({@code id}, {@code flow_id}, {@code created}, {@code updated} required);
 *           {@code FlowRunCreate}: only {@code flow_id} required</td></tr>
 *   <tr><td>{@code TaskRun}</td><td>{@code {"id", "flow_run_id", "task_key", "dynamic_key", "name", "state_type",
 *       "state_name", "state"}}</td><td>{@code TaskRunCreate}: {@code flow_run_id}, {@code task_key},
 *       {@code dynamic_key} required</td></tr>
 *   <tr><td>{@code Log}</td><td>{@code {"id", "name", "level", "message", "timestamp", "flow_run_id", "task_run_id"}}</td>
 *       <td>{@code LogCreate}: {@code name}, {@code level}, {@code message}, {@code timestamp} required</td></tr>
 *   <tr><td>{@code Flow}</td><td>{@code {"id", "name"}}</td><td>{@code FlowCreate}: {@code {"name"}}</td></tr>
 *   <tr><td>{@code Deployment}</td><td>{@code {"id", "name", "flow_id", "concurrency_limit_id"}}</td>
 *       <td>{@code DeploymentCreate}: {@code {"name", "flow_id", "concurrency_limit"?}} (limit &gt;= 1)</td></tr>
 *   <tr><td>{@code ConcurrencyLimit}</td><td>{@code {"id", "name", "limit", "active", "active_slots"}}</td>
 *       <td>{@code ConcurrencyLimitCreate}: {@code {"name", "limit", "active"? (true), "active_slots"? (0)}}</td></tr>
 *   <tr><td>{@code FlowRunSort}, {@code StateType}</td><td>the constant's name, e.g. {@code "ID_DESC"},
 *       {@code "COMPLETED"}</td><td>the same, case-sensitive</td></tr>
 *   <tr><td>{@code JsonProblem}</td><td>{@code {"loc", "msg", "type"}}</td><td>(not read)</td></tr>
 * </table>
 *
 * <h2>Query bodies of the example server</h2>
 * <table>
 *   <caption>Bodies of the read routes, with their defaults</caption>
 *   <tr><th>route</th><th>JSON</th><th>Java</th></tr>
 *   <tr><td>{@code POST /flow_runs/filter}</td><td>{@code {"flow_runs"?, "limit"? (0..200, default 200),
 *       "offset"? (>= 0, default 0), "sort"? (default "ID_DESC")}}</td><td>{@code FlowRunQuery}</td></tr>
 *   <tr><td>{@code POST /flow_runs/count}</td><td>{@code {"flow_runs"?}}</td><td>{@code FlowRunCountQuery}</td></tr>
 *   <tr><td>{@code POST /logs/filter}</td><td>{@code {"logs"?: {"flow_run_id"?: {"any_"?: [ids]}}, "limit"?,
 *       "offset"?}}</td><td>{@code LogQuery}</td></tr>
 *   <tr><td>{@code POST /logs/count}</td><td>{@code {"logs"?}}</td><td>{@code LogCountQuery}</td></tr>
 *   <tr><td>{@code POST /v2/concurrency_limits/increment}</td><td>{@code {"names": [strings], "slots": n >= 1}}</td>
 *       <td>{@code ConcurrencyIncrement}</td></tr>
 * </table>
 * <p>The flow run bodies also take Prefect's other filter keys ({@code flows}, {@code task_runs},
 * {@code deployments}, {@code work_pools}, {@code work_pool_queues}) when {@code null}; a non-null value is
 * refused with {@code value_error} ("not supported").
 * <p>A run's state is read from {@code "state": {"type", "name"?}} (Prefect's shape) or from the flat
 * {@code "state_type"}/{@code "state_name"} (Flowsweep's output, so a written run reads back equal); given
 * together they must agree. A missing name is the type's default ({@code Pending} for {@code PENDING}).
 * Creation bodies are written with the keys that are set only.
 *
 * <h2>Values and strictness</h2>
 * <ul>
 *   <li>Unknown keys are refused at every level ({@code extra_forbidden}); a key given twice in one object is
 *       refused ({@code duplicate_key}), whether or not the mapper enables {@code STRICT_DUPLICATE_DETECTION}.</li>
 *   <li>A {@code null} value for an optional key means "not given", at every level (sub-filters, operators,
 *       lists, bounds); for a required key it is refused with the key's type error.</li>
 *   <li>Integers: JSON integers only. {@code 2.5}, {@code 10.0} and {@code 1e2} ({@code int_type}),
 *       {@code "10"} and {@code true} ({@code int_type}) are refused; integers beyond the field's bounds or beyond
 *       32 bits are refused with {@code greater_than_equal}/{@code less_than_equal}.</li>
 *   <li>Booleans: {@code true}/{@code false} only, not {@code "true"} or {@code 1} ({@code bool_type}).</li>
 *   <li>Strings: JSON strings only; numbers are not turned into strings ({@code string_type}).</li>
 *   <li>UUIDs: canonical 8-4-4-4-12 hexadecimal, either case ({@code uuid_parsing}; {@code uuid_type} for a
 *       non-string); written lower-case.</li>
 *   <li>State types, operators, sort orders: exactly the constants' spelling ({@code enum}).</li>
 *   <li>Lists: a JSON array ({@code list_type}) without {@code null} items (refused with the item's type error at
 *       the item's index) and with at most {@link dev.flowsweep.json.JsonOptions#maxListSize()} items
 *       ({@code too_long}, located at the list).</li>
 *   <li>Times: {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}, {@code ±HH:MM} or nothing (UTC);
 *       years 0001–9999, also after conversion to UTC; truncated to microseconds. A bare date is refused with
 *       {@code datetime_from_date_parsing}, anything else with {@code datetime_parsing}. Written in UTC as
 *       {@code 2026-06-01T10:00:00Z}, with six fraction digits only when the microseconds are not zero
 *       ({@code 2026-06-01T10:00:00.250000Z}, as Python and Prefect write them). See {@link dev.flowsweep.json.JsonTimes}.</li>
 *   <li>Objects: a JSON object ({@code dict_type}); required keys present ({@code missing}); values that the model
 *       refuses together give {@code value_error}.</li>
 *   <li>Malformed JSON, an empty input, content after the value, nesting beyond the parser's limit:
 *       {@code json_invalid} with an empty {@code loc}.</li>
 * </ul>
 * <p>Reading goes on after a problem, so one exception lists several (up to
 * {@link dev.flowsweep.json.JsonOptions#maxProblems()}), each located from the document root, also when a
 * Flowsweep type is nested inside a host's own type ({@code ["request", "flow_runs", "id", "any_", 0]}).
 */
package dev.flowsweep.json;
