/**
 * Flowsweep's Micrometer meters, built from core's public listeners and statistics ({@code DeletionListener},
 * {@code PurgeListener}, {@code RetentionRunListener}, the purge queue's stats); no Spring types, so they can be
 * registered outside Spring too.
 */
package dev.flowsweep.spring.boot.metrics;
