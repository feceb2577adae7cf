/**
 * JMH micro-benchmarks of filter evaluation in memory and of filter SQL generation.
 */
package dev.flowsweep.bench.jmh;
