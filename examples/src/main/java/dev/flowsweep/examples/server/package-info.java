/**
 * The Prefect-compatible HTTP example server: Prefect's routes and JSON shapes over the library, with basic auth and
 * the example's own options; its HTTP contract is examples/README.md.
 */
package dev.flowsweep.examples.server;
