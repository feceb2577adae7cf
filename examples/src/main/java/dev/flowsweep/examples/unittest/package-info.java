/**
 * How to unit-test your own cleanup code against {@code InMemoryStorage}, and with mocks.
 */
package dev.flowsweep.examples.unittest;
