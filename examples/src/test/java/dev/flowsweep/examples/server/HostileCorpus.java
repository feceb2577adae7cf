package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hostile input corpus ({@code src/test/resources/hostile/corpus.txt}) as {@link HostileInputTest} runs it: its
 * cases and their expectations, the bodies they send (written out, raw bytes or generated), and the runs every server
 * is seeded with, each holding a trap in every string field.
 */
final class HostileCorpus {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The seeded runs: a label and the trap that every string field of the run holds. */
    record Seed(String label, String name, List<String> tags, String stateType, String trap) {
    }

    static final List<Seed> SEEDS = List.of(
            new Seed("alpha", "alpha", List.of("a", "b"), "COMPLETED", null),
            new Seed("quote", "x' OR '1'='1", List.of("x' OR '1'='1"), "FAILED", null),
            new Seed("percent", "100%", List.of("%"), "COMPLETED", "%"),
            new Seed("underscore", "a_b", List.of("_"), "COMPLETED", "_"),
            new Seed("backslash", "a\\b", List.of("\\"), "COMPLETED", "\\"),
            new Seed("bang", "bang!", List.of("!"), "COMPLETED", "!"),
            new Seed("unicode", "\u00dcn\u00efc\u00f8d\u00e9 \ud83d\ude00", List.of("\ud83d\ude00"), "COMPLETED",
                    "\u00dcn\u00efc\u00f8d\u00e9"),
            new Seed("question", "?", List.of("?"), "COMPLETED", "?"),
            new Seed("plain", "plain", List.of(), "RUNNING", null),
            new Seed("empty", "", List.of(), null, null));

    private HostileCorpus() {
    }

    /** One case of the corpus. */
    record Case(String name, int line, String method, String path, String bodyLine, Expect http, Expect binding) {
        @Override
        public String toString() {
            return "\"" + name + "\" (corpus line " + line + ")";
        }
    }

    /**
     * An expected answer: {@code kind} is {@code problem} (with type and loc, null loc = any), {@code deleted},
     * {@code deleted-count}, {@code runs}, {@code count}, {@code status} (status only), {@code ok}, {@code skip}.
     */
    record Expect(int status, String kind, String type, List<Object> loc, List<String> labels, long n) {
        static Expect parse(String text) {
            String[] w = text.trim().split("\\s+", 3);
            if (w[0].equals("ok") || w[0].equals("skip")) {
                return new Expect(0, w[0], null, null, List.of(), 0);
            }
            int status = Integer.parseInt(w[0]);
            if (w.length == 1) {
                return new Expect(status, "status", null, null, List.of(), 0);
            }
            String rest = w.length > 2 ? w[2].trim() : "";
            return switch (w[1]) {
                case "deleted", "runs" -> new Expect(status, w[1], null, null,
                        rest.equals("none") ? List.of() : List.of(rest.split(",")), 0);
                case "count", "deleted-count" -> new Expect(status, w[1], null, null, List.of(), Long.parseLong(rest));
                default -> new Expect(status, "problem", w[1], rest.equals("*") ? null : loc(rest), List.of(), 0);
            };
        }

        private static List<Object> loc(String dotted) {
            List<Object> loc = new ArrayList<>();
            for (String part : dotted.split("\\.")) {
                loc.add(part.matches("\\d+") ? (Object) Integer.parseInt(part) : part);
            }
            return loc;
        }
    }

    /** Reads the corpus file. */
    static List<Case> load() {
        List<Case> out = new ArrayList<>();
        String text;
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("### ")) {
                continue;
            }
            String name = lines[i].substring(4).trim();
            int start = i + 1;
            String[] request = lines[++i].trim().split(" ", 2);
            String body = null;
            Expect http = null;
            Expect binding = null;
            while (i + 1 < lines.length && !lines[i + 1].startsWith("### ") && !lines[i + 1].startsWith("#")) {
                String l = lines[++i];
                if (l.isBlank()) {
                    break;
                }
                if (l.startsWith("=> ")) {
                    http = Expect.parse(l.substring(3));
                } else if (l.startsWith("binding => ")) {
                    binding = Expect.parse(l.substring(11));
                } else if (body == null) {
                    body = l;
                } else {
                    throw new IllegalStateException("corpus line " + (i + 1) + ": a second body line in " + name);
                }
            }
            if (http == null) {
                throw new IllegalStateException("corpus case " + name + " at line " + start + " has no expectation");
            }
            out.add(new Case(name, start, request[0], request[1], body, http, binding));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ bodies

    /** The bytes of a case's body; {@code idOf} gives the id of a seeded label, {@code flowId} the flow to create in. */
    static byte[] body(Case c, Function<String, UUID> idOf, UUID flowId) {
        String line = c.bodyLine();
        if (line == null) {
            return new byte[0];
        }
        if (line.startsWith("raw: ")) {
            return raw(line.substring(5));
        }
        if (!line.startsWith("@")) {
            return line.getBytes(StandardCharsets.UTF_8);
        }
        String[] w = line.substring(1).split(" ", 2);
        String arg = w.length > 1 ? w[1] : "";
        StringBuilder b = new StringBuilder();
        switch (w[0]) {
            case "nested-arrays" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": ").append("[".repeat(n)).append("]".repeat(n)).append('}');
            }
            case "nested-objects" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": ").append("{\"name\": ".repeat(n)).append("1").append("}".repeat(n)).append('}');
            }
            case "bytes" -> {
                byte[] bytes = new byte[Integer.parseInt(arg)];
                Arrays.fill(bytes, (byte) ' ');
                bytes[0] = '{';
                bytes[bytes.length - 1] = '}';
                return bytes;
            }
            case "long-actor" -> b.append("{\"flow_runs\": {\"id\": {\"any_\": []}}, \"actor\": \"")
                    .append("a".repeat(Integer.parseInt(arg))).append("\"}");
            case "long-name" -> b.append("{\"flow_runs\": {\"name\": {\"any_\": [\"")
                    .append("x".repeat(Integer.parseInt(arg))).append("\"]}}}");
            case "ids" -> {
                String[] a = arg.split(" ");
                int n = Integer.parseInt(a[0]);
                b.append("{\"flow_runs\": {\"id\": {\"any_\": [");
                for (int i = 0; i < n - 1; i++) {
                    b.append('"').append(UUID.randomUUID()).append("\", ");
                }
                b.append('"').append(idOf.apply(a[1])).append("\"]}}}");
            }
            case "names" -> {
                String[] a = arg.split(" ");
                int n = Integer.parseInt(a[0]);
                b.append("{\"flow_runs\": {\"name\": {\"any_\": [");
                for (int i = 0; i < n - 1; i++) {
                    b.append("\"name-").append(i).append("\", ");
                }
                b.append(quote(seed(a[1]).name())).append("]}}}");
            }
            case "tags" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": {\"tags\": {\"any_\": [");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ", ").append("\"tag-").append(i).append('"');
                }
                b.append("]}}}");
            }
            case "log-message" -> b.append("[{\"name\": \"app\", \"level\": 20, \"timestamp\": \"2026-06-01T10:00:00Z\", ")
                    .append("\"flow_run_id\": \"").append(idOf.apply("alpha")).append("\", \"message\": \"")
                    .append("m".repeat(Integer.parseInt(arg))).append("\"}]");
            case "create" -> {
                String json = arg;
                for (int n : new int[]{512, 513, 600}) {
                    json = json.replace("\"@" + n + "\"", "\"" + "n".repeat(n) + "\"");
                }
                return ("{\"flow_id\": \"" + flowId + "\", " + json.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown generator " + w[0] + " in " + c);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code \xNN} escapes become those bytes; everything else is UTF-8. */
    private static byte[] raw(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            if (text.startsWith("\\x", i) && i + 4 <= text.length()) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Seed seed(String label) {
        return SEEDS.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed " + label));
    }
}
