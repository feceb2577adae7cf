package dev.flowsweep.cli;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Which runs: {@code --filter '<json>'} or {@code --filter-file f.json}, in Prefect's FlowRunFilter JSON. */
final class FilterOptions {
    static final FlowsweepJson JSON = new FlowsweepJson();

    @Option(names = "--filter", paramLabel = "JSON",
            description = "Prefect FlowRunFilter as JSON, e.g. '{\"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}'")
    String json;

    @Option(names = "--filter-file", paramLabel = "FILE", description = "A file holding the FlowRunFilter JSON")
    Path file;

    /**
     * The filter, read strictly.
     *
     * @throws CliInputException naming each problem with its JSON path, or the file that cannot be read
     */
    FlowRunFilter read() {
        String text;
        String source;
        if (json != null) {
            text = json;
            source = "--filter";
        } else {
            source = "--filter-file " + file;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliInputException("cannot read " + source + ": no such file");
            } catch (IOException e) {
                throw new CliInputException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        return parse(text, source);
    }

    static FlowRunFilter parse(String text, String source) {
        try {
            return JSON.readFlowRunFilter(text);
        } catch (FlowsweepJsonException e) {
            StringBuilder sb = new StringBuilder("invalid filter in " + source + ":");
            for (JsonProblem p : e.problems()) {
                sb.append(System.lineSeparator()).append("  ").append(describe(p));
            }
            throw new CliInputException(sb.toString(), e);
        }
    }

    /** {@code at state.type.any_[0]: <msg> (enum)}. */
    static String describe(JsonProblem p) {
        StringBuilder path = new StringBuilder();
        for (Object part : p.loc()) {
            if (part instanceof Integer i) {
                path.append('[').append(i).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(part);
            }
        }
        return (path.length() == 0 ? "" : "at " + path + ": ") + p.msg() + " (" + p.type() + ")";
    }
}
