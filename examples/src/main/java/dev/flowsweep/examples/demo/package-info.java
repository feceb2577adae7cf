/**
 * A runnable in-memory demo: a bulk delete by filter with no database and no server.
 */
package dev.flowsweep.examples.demo;
