/**
 * A Spring Boot application on the starter that wraps {@code BulkDeleteService} in a REST API of its own.
 */
package dev.flowsweep.examples.boot;
