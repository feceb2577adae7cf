/**
 * The domain, with Prefect's field names: flows, flow runs, task runs, logs, deployments and concurrency limits, as
 * immutable records with builders, plus the value rules every adapter shares: times truncated to microseconds in UTC
 * ({@link dev.flowsweep.model.Times}), UUIDs in unsigned text order ({@link dev.flowsweep.model.Uuids}), plain Unicode
 * text ({@link dev.flowsweep.model.Strings}) and length limits ({@link dev.flowsweep.model.Limits}).
 */
package dev.flowsweep.model;
