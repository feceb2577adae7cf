/**
 * The benchmark harness of docs/BENCHMARKS.md: workloads, contenders (Flowsweep, Prefect's path, the floors),
 * paired rounds, bootstrap intervals and the JSON report; run by hand, never timed in unit tests.
 */
package dev.flowsweep.bench;
