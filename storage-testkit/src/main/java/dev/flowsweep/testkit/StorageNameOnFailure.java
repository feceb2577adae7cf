package dev.flowsweep.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Puts {@code storage.describe()} in front of a failing contract test's message, so that a failure of
 * {@code StorageContract$Filters} says which adapter (H2, PostgreSQL, MariaDB, memory) it was run against.
 */
final class StorageNameOnFailure implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Object test = context.getRequiredTestInstance();
        String name = test instanceof StorageContractSupport s ? s.storageName() : null;
        if (name == null) {
            throw failure;
        }
        String prefix = "[" + name + "] ";
        if (failure instanceof AssertionFailedError a && !String.valueOf(a.getMessage()).startsWith(prefix)) {
            AssertionFailedError named = a.isExpectedDefined() || a.isActualDefined()
                    ? new AssertionFailedError(prefix + a.getMessage(),
                            a.isExpectedDefined() ? a.getExpected().getValue() : null,
                            a.isActualDefined() ? a.getActual().getValue() : null, a.getCause())
                    : new AssertionFailedError(prefix + a.getMessage(), a.getCause());
            named.setStackTrace(a.getStackTrace());
            for (Throwable s : a.getSuppressed()) {
                named.addSuppressed(s);
            }
            throw named;
        }
        failure.addSuppressed(new StorageUnderTest(name));
        throw failure;
    }

    /** Attached to failures that are not assertion failures: names the storage. */
    static final class StorageUnderTest extends Exception {
        StorageUnderTest(String name) {
            super("storage under test: " + name, null, false, false);
        }
    }
}
