package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.Cache;
import org.ventifs.fs.DataDirectory;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.snapshot.Snapshotter;
import picocli.CommandLine;

/** {@code ventifs dumps}, {@code format} and {@code format --from} over real data directories. */
class SnapshotCommandsTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private List<DumpRecord> twoDumps(Path dir) throws IOException {
        try (DataDirectory data = DataDirectory.openOrFormat(dir, 1000, 1000);
             Snapshotter s = new Snapshotter(data.cache(), data.store(), data.catalog(), Clock.systemDefaultZone())) {
            long f = data.cache().create(Cache.ROOT, "f", 0644, 1000, 1000).ino();
            data.cache().write(f, 0, new byte[] {1, 2, 3}, 0, 3);
            s.snapshot();
            data.cache().write(f, 3, new byte[] {4}, 0, 1);
            s.snapshot();
            return data.catalog().list();
        }
    }

    @Test
    void dumpsListsTheCatalog() throws IOException {
        Path dir = tmp.resolve("data");
        List<DumpRecord> dumps = twoDumps(dir);
        Result r = run("dumps", "--data", dir.toString());
        assertEquals(0, r.code, r.err);
        String[] lines = r.out.split("\n");
        assertEquals(2, lines.length, r.out);
        for (int i = 0; i < 2; i++) {
            assertTrue(lines[i].startsWith(dumps.get(i).name() + " "), lines[i]);
            assertTrue(lines[i].contains("vac:" + dumps.get(i).root()), lines[i]);
        }
        assertEquals(2, run("dumps").code, "neither a mount point nor --data");
        Result none = run("dumps", "--data", tmp.resolve("nothing").toString());
        assertEquals(1, none.code);
        assertTrue(none.err.contains("holds no catalog"), none.err);
    }

    @Test
    void formatCreatesOnceAndFormatFromRebuildsTheDumps() throws IOException {
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, run("format", "--data", fresh.toString()).code);
        Result again = run("format", "--data", fresh.toString());
        assertEquals(1, again.code);
        assertTrue(again.err.contains("already holds a file system"), again.err);

        Path old = tmp.resolve("old");
        List<DumpRecord> dumps = twoDumps(old);
        Path rebuilt = tmp.resolve("rebuilt");
        copyTree(old.resolve("venti"), rebuilt.resolve("venti"));
        Result from = run("format", "--data", rebuilt.toString(), "--from", "vac:" + dumps.get(1).root());
        assertEquals(0, from.code, from.err);
        assertTrue(from.out.contains("2 dumps"), from.out);
        assertEquals(run("dumps", "--data", old.toString()).out.replaceAll(" +\\d+\\n", "\n")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "T"),
                run("dumps", "--data", rebuilt.toString()).out.replaceAll(" +\\d+\\n", "\n")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "T"));
        try (DataDirectory data = DataDirectory.openOrFormat(rebuilt, 0, 0)) {
            byte[] four = new byte[4];
            long f = data.cache().lookup(Cache.ROOT, "f").ino();
            assertEquals(4, data.cache().read(f, 0, four, 0, 4));
            assertArrayEquals(new byte[] {1, 2, 3, 4}, four);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
