package org.ventifs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ventifs.fs.control.StatusReport;
import org.ventifs.snapshot.ArchiveProgress;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.venti.local.StoreCounts;

/**
 * What {@code ventifs status} prints from a {@link StatusReport}: a table for people, or one
 * JSON object whose field names are a contract for monitoring (docs/control-protocol.md,
 * "ventifs status --json").
 *
 * @param mountpoint    where the file system is mounted
 * @param dataDirectory its data directory
 * @param report        the daemon's reply
 * @param now           the time ages are measured to
 */
record StatusView(Path mountpoint, Path dataDirectory, StatusReport report, Instant now) {
    /** The table, one "name  value" line per figure. */
    String table() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("mounted", mountpoint + " (data " + dataDirectory + ")");
        rows.put("dirty", bytes(report.dirty().bytes()) + " in " + report.dirty().blocks() + " blocks, "
                + report.dirty().changedInodes() + " changed inodes, waiting for the next snapshot");
        DumpRecord last = report.lastDump();
        rows.put("last snapshot", last == null ? "none yet" : last.name() + " vac:" + last.root() + ", "
                + age(ageSeconds(last)) + " ago, added " + bytes(last.bytesAdded()));
        rows.put("archiver", archiver(report.archive()));
        rows.put("cache", bytes(report.cacheUsed()) + " used of " + bytes(report.cacheCapacity()) + String.format(Locale.ROOT,
                " (%.1f%%)", report.cacheCapacity() == 0 ? 0.0 : 100.0 * report.cacheUsed() / report.cacheCapacity()));
        rows.put("store", report.localStore() ? "embedded, " + (report.storeBytes() < 0 ? "unknown" : bytes(report.storeBytes()))
                + " on disk" : "a Venti server; its size is unknown");
        StoreCounts c = report.storeCounts();
        rows.put("dedup", c == null ? "unknown" : String.format(Locale.ROOT,
                "%.2fx (%s written, %s distinct in %d blocks); compression %.2fx (%s in clumps)", c.dedupRatio(),
                bytes(c.writtenBytes()), bytes(c.rawBytes()), c.blocks(), c.compressionRatio(), bytes(c.clumpBytes())));
        StringBuilder b = new StringBuilder();
        rows.forEach((k, v) -> b.append(String.format("%-14s %s%n", k, v)));
        return b.toString();
    }

    /** The JSON object, on one line. */
    String json() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mountpoint", mountpoint.toString());
        f.put("data_directory", dataDirectory.toString());
        f.put("mounted", true);
        f.put("dirty_bytes", report.dirty().bytes());
        f.put("dirty_blocks", report.dirty().blocks());
        f.put("changed_inodes", report.dirty().changedInodes());
        DumpRecord last = report.lastDump();
        f.put("last_snapshot", last == null ? null : last.name());
        f.put("last_snapshot_vac", last == null ? null : "vac:" + last.root());
        f.put("last_snapshot_time", last == null ? null : last.frozenAtEpochSecond());
        f.put("last_snapshot_age_seconds", last == null ? null : ageSeconds(last));
        f.put("last_snapshot_bytes_added", last == null ? null : last.bytesAdded());
        ArchiveProgress a = report.archive();
        f.put("archive_running", a.running());
        f.put("archive_dump", a.dumpName().isEmpty() ? null : a.dumpName());
        f.put("archive_files", a.filesDone());
        f.put("archive_bytes", a.bytesDone());
        f.put("archive_elapsed_ms", a.elapsedMillis());
        f.put("archive_bytes_per_second", a.bytesPerSecond());
        f.put("archive_queued", a.queued());
        f.put("cache_used_bytes", report.cacheUsed());
        f.put("cache_capacity_bytes", report.cacheCapacity());
        f.put("store", report.localStore() ? "local" : "remote");
        f.put("store_bytes", report.storeBytes() < 0 ? null : report.storeBytes());
        StoreCounts c = report.storeCounts();
        f.put("store_written_bytes", c == null ? null : c.writtenBytes());
        f.put("store_raw_bytes", c == null ? null : c.rawBytes());
        f.put("store_clump_bytes", c == null ? null : c.clumpBytes());
        f.put("store_blocks", c == null ? null : c.blocks());
        f.put("dedup_ratio", c == null ? null : c.dedupRatio());
        f.put("compression_ratio", c == null ? null : c.compressionRatio());
        return FlatJson.of(f);
    }

    private long ageSeconds(DumpRecord d) {
        return Math.max(0, now.getEpochSecond() - d.frozenAtEpochSecond());
    }

    private static String archiver(ArchiveProgress a) {
        if (a.dumpName().isEmpty()) {
            return "idle, no archive since the mount";
        }
        return String.format(Locale.ROOT, "%s %s: %d files, %s in %.1f s (%s/s)%s",
                a.running() ? "archiving" : "idle; last archived", a.dumpName(), a.filesDone(), bytes(a.bytesDone()),
                a.elapsedMillis() / 1000.0, bytes((long) a.bytesPerSecond()), a.queued() > 0 ? ", " + a.queued()
                        + " more queued" : "");
    }

    /** {@code 1.5 GiB}, {@code 12 bytes}. */
    private static String bytes(long n) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        if (n < 1024) {
            return n + " bytes";
        }
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 40s}. */
    private static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s" : seconds + "s";
    }
}
