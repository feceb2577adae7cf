package dev.flowsweep.examples.server;

/** Answers one route. Throws {@link ApiException} (or a storage exception) for anything but success. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
