package dev.flowsweep.examples.unittest;

/**
 * Where a {@link CleanupJob} reports what it did: your metrics, chat channel or audit log. An interface, so that a
 * test can mock it (see {@code CleanupJobMockitoTest}).
 */
public interface CleanupReporter {
    /** The job deleted {@code runs} runs and released {@code slots} concurrency slots. */
    void cleaned(long runs, int slots);

    /** The job failed; nothing of the failed batch was deleted. */
    void failed(String reason);
}
