package dev.flowsweep.bench;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * memory: {@link InMemoryStorage} with 1,000,000 runs. {@code id.any_} of 200 ids (looked up in the id index) and a
 * filter that has to test every run (tags + state + time range, where the tag is on every run so the tag index
 * does not narrow anything), both through {@link BulkDeleteService#dryRun} (the bulk delete's selection: up to 200
 * ids, ID_DESC); the scan also as a plain count. JMH measures the same in {@code MemoryFilterBenchmark}.
 */
final class MemoryWorkload {

    private MemoryWorkload() {
    }

    static Result run(Options o, Report report, Progress progress) {
        int runs = o.quick() ? 200_000 : 1_000_000;
        long start = System.nanoTime();
        MemoryData data = MemoryData.load(runs, 0.1);
        progress.line(String.format(Locale.ROOT, "memory: %,d runs loaded in %.1f s", runs,
                (System.nanoTime() - start) / 1e9));
        BulkDeleteService service = new BulkDeleteService(data.storage());
        Random random = new Random(7);
        List<FlowRunFilter> idFilters = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            List<UUID> ids = new ArrayList<>(200);
            for (int j = 0; j < 200; j++) {
                ids.add(data.ids().get(random.nextInt(data.ids().size())));
            }
            idFilters.add(FlowRunFilter.builder().idAny(ids).build());
        }
        int idIterations = o.quick() ? 300 : 2000;
        List<Double> idMillis = new ArrayList<>();
        for (int i = 0; i < idIterations + 200; i++) {
            FlowRunFilter f = idFilters.get(i % idFilters.size());
            long t0 = System.nanoTime();
            int n = service.dryRun(BulkDeleteRequest.of(f, 200)).size();
            long t1 = System.nanoTime();
            if (n == 0) {
                throw new IllegalStateException("id.any_ matched nothing");
            }
            if (i >= 200) {
                idMillis.add((t1 - t0) / 1e6);
            }
        }
        FlowRunFilter scan = MemoryData.scanFilter();
        int scanIterations = o.quick() ? 10 : 20;
        List<Double> scanMillis = new ArrayList<>();
        List<Double> countMillis = new ArrayList<>();
        long matched = 0;
        for (int i = 0; i < scanIterations + 3; i++) {
            long t0 = System.nanoTime();
            service.dryRun(BulkDeleteRequest.of(scan, 200));
            long t1 = System.nanoTime();
            matched = data.storage().inTransaction(tx -> tx.flowRuns().count(scan.toCriterion().orElseThrow()));
            long t2 = System.nanoTime();
            if (i >= 3) {
                scanMillis.add((t1 - t0) / 1e6);
                countMillis.add((t2 - t1) / 1e6);
            }
        }
        // the same scan without the tag condition: no index proposes candidates, every run is tested in place
        FlowRunFilter noTags = MemoryData.scanFilterWithoutTags();
        List<Double> noTagMillis = new ArrayList<>();
        for (int i = 0; i < scanIterations + 3; i++) {
            long t0 = System.nanoTime();
            data.storage().inTransaction(tx -> tx.flowRuns().count(noTags.toCriterion().orElseThrow()));
            if (i >= 3) {
                noTagMillis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        report.detail("memory full scan without the tag condition (count) ms " + Stats.of(noTagMillis).describe());
        Stats id = Stats.of(idMillis);
        Stats sc = Stats.of(scanMillis);
        Stats cn = Stats.of(countMillis);
        report.detail("memory id.any_ 200 ids (dryRun) ms " + id.describe());
        report.detail("memory full scan (dryRun, limit 200) ms " + sc.describe() + "; " + matched + " runs match");
        report.detail("memory full scan (count) ms " + cn.describe());
        double scaledScan = Math.max(sc.median(), cn.median()) * 1_000_000.0 / runs;
        Result result = new Result("memory", null, o).scale(String.format(Locale.ROOT, "(%s%,d runs)",
                o.quick() ? "quick: " : "", runs));
        result.put("data", java.util.Map.of("runs", runs, "matching_scan", matched));
        result.figure("id_any_200_dry_run_ms", id.median()).figure("scan_dry_run_ms", sc.median())
                .figure("scan_count_ms", cn.median()).figure("scan_without_tags_count_ms", Stats.of(noTagMillis).median());
        result.target("id.any_ of 200 ids, dryRun median", id.median(), "ms", Result.Target.atMost(1));
        result.target(o.quick() ? "full scan, slower of dryRun and count, scaled to 1,000,000 runs"
                : "full scan, slower of dryRun and count", scaledScan, "ms", Result.Target.atMost(150));
        return result.finish();
    }
}
