/**
 * Prefect's {@code FlowRunFilter} as an immutable Java model ({@link dev.flowsweep.filter.FlowRunFilter} and its
 * builder), normalised into the sealed {@link dev.flowsweep.filter.Criterion} tree that storage adapters translate,
 * and Prefect's sort orders ({@link dev.flowsweep.filter.FlowRunSort}, whose {@code comparator()} is the reference
 * order every adapter matches). The rules — what is dropped, what matches null, how tags, names and times compare —
 * are docs/CONTRACT.md, section 2.
 */
package dev.flowsweep.filter;
