package dev.flowsweep.cli;

import dev.flowsweep.service.DeletionPreview;
import dev.flowsweep.spi.DeletionImpact;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The per-table counts of a dry run ({@link DeletionPreview}), as text and as JSON, for every deleting command. */
final class Impacts {
    private Impacts() {
    }

    /** Adds {@code tables} (table → rows) and {@code released_slots} (limit id → slots) to a dry run's JSON. */
    static void putJson(Map<String, Object> m, DeletionPreview p) {
        m.put("tables", new LinkedHashMap<>(p.impact().rows()));
        m.put("released_slots", Commands.strings(p.releasedSlots()));
    }

    /** One line per table, then the slots. */
    static void print(PrintWriter out, DeletionPreview p) {
        out.println("rows each table would lose:");
        for (Map.Entry<String, Long> e : p.impact().rows().entrySet()) {
            out.println(String.format("  %-20s %,d%s", e.getKey(), e.getValue(),
                    e.getKey().equals(DeletionImpact.LOG) ? " (by the log purge, after the delete)" : ""));
        }
        out.println(String.format("  %-20s %,d", "concurrency slots", p.totalReleasedSlots())
                + " released" + (p.releasedSlots().isEmpty() ? "" : " " + Commands.strings(p.releasedSlots())));
    }
}
