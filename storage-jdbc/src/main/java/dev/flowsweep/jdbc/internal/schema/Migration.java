package dev.flowsweep.jdbc.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One versioned schema script shipped as a resource, {@code <folder>/V<version>__<description>.sql} (Flyway's
 * naming, so a host can point Flyway at {@code classpath:<folder>} with the placeholder {@code prefix}). Scripts are
 * idempotent and record their own version in the layout's schema version table.
 */
public record Migration(int version, String description) {

    /** The resource path in {@code folder}, e.g. {@code db/postgresql/V1__flowsweep_schema.sql}. */
    public String resource(String folder) {
        return folder + "/V" + version + "__" + description + ".sql";
    }

    /**
     * The statements of the script in {@code folder}, with {@code ${prefix}} replaced: comment lines are dropped and
     * a statement ends with a line ending in {@code ;}.
     */
    public List<String> statements(String folder, String prefix) {
        String path = resource(folder);
        String text;
        // Class.getResourceAsStream from this module's own code: it finds the module's resources on the module path
        // too, where ClassLoader.getResourceAsStream sees only packages opened to everyone.
        try (InputStream in = Migration.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + path + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + path, e);
        }
        return split(text.replace("${prefix}", prefix));
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                statements.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
