/**
 * The operator's command-line tool ({@code flowsweep-cli.jar}): picocli commands over the library, one class per
 * command; see the README's "Command-line tool".
 */
package dev.flowsweep.cli;
