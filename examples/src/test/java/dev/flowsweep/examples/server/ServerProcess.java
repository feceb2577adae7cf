package dev.flowsweep.examples.server;

import dev.flowsweep.testkit.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The server's main class in a child JVM, as {@code java -jar flowsweep-server.jar} runs it, with its output (stdout
 * and stderr together) collected line by line. The child's environment has no auth variable unless given.
 */
final class ServerProcess implements AutoCloseable {
    static final String READY = "Flowsweep server listening on ";

    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /** Starts {@link FlowsweepServerMain} with these arguments and extra environment variables. */
    static ServerProcess start(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), FlowsweepServerMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(ServerOptions.AUTH_ENV);
        builder.environment().remove(ServerOptions.PREFECT_AUTH_ENV);
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start());
        server.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    server.output.add(line);
                }
            } catch (IOException ignored) {
                // the process died
            }
        }, "server-process-output");
        server.reader.setDaemon(true);
        server.reader.start();
        return server;
    }

    /** Waits until the server prints its ready line; returns the line. Fails if it exits first. */
    String awaitReady(Duration deadline) throws InterruptedException {
        Await.until(deadline, Await.DEFAULT_POLL, "the server starts", () -> {
            if (!process.isAlive()) {
                fail("the server exited with " + process.exitValue() + " before it started: " + output);
            }
            return output.stream().anyMatch(line -> line.startsWith(READY));
        }, output::toString);
        return output.stream().filter(l -> l.startsWith(READY)).findFirst().orElseThrow();
    }

    /** The address of the ready line. */
    URI uri(Duration deadline) throws InterruptedException {
        String line = awaitReady(deadline);
        return URI.create(line.substring(READY.length(), line.indexOf(' ', READY.length())));
    }

    /** Waits until the process exits and its output is read; returns its exit code. */
    int awaitExit(Duration deadline) throws InterruptedException {
        assertTrue(process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS), () -> "still running: " + output);
        reader.join(deadline.toMillis());
        assertTrue(!reader.isAlive(), "the output was read to its end");
        return process.exitValue();
    }

    /** Kills the process (SIGKILL) if it still runs, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
