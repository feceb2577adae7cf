/**
 * How a host application wires storage, purger, service and retention once and shuts them down in order.
 */
package dev.flowsweep.examples.embedding;
