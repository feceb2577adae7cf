package dev.flowsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file of a {@code jdbc:sqlite:} URL. SQLite creates a missing file when it connects, so a mistyped path would
 * leave an empty file behind and then fail as "not a Prefect database": the commands refuse it first.
 */
final class SqliteFile {
    static final String PREFIX = "jdbc:sqlite:";

    private SqliteFile() {
    }

    /**
     * The file of the URL, absolute; null when the URL is not SQLite's or names no plain file ({@code :memory:},
     * {@code file:} URIs).
     */
    static Path of(String url) {
        if (!url.startsWith(PREFIX)) {
            return null;
        }
        String path = url.substring(PREFIX.length());
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return null;
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** @throws CliInputException when the URL names a SQLite file that does not exist */
    static void requireExisting(String url) {
        Path file = of(url);
        if (file != null && !Files.isRegularFile(file)) {
            throw new CliInputException("no SQLite file at " + file + " (a Prefect server's is ~/.prefect/prefect.db "
                    + "by default; `flowsweep demo-db` makes a demo one)");
        }
    }
}
