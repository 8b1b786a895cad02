package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ventifs vac} and {@code ventifs unvac} as a user runs them, over an embedded store. */
class VacCommandTest {
    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private Path sampleDir() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dir/sub"));
        Files.writeString(dir.resolve("hello.txt"), "hello, world\n");
        Files.writeString(tmp.resolve("dir/top"), "top\n");
        return tmp.resolve("dir");
    }

    @Test
    void vacPrintsTheScoreAndWritesTheVacFileThatUnvacRestores() throws IOException {
        Path dir = sampleDir();
        String store = tmp.resolve("store").toString();
        Path vacFile = tmp.resolve("t.vac");
        CommandRun vac = run("vac", "--store", store, "-o", vacFile.toString(), dir.toString());
        assertEquals(0, vac.code, vac.err);
        assertTrue(vac.out.matches("vac:[0-9a-f]{40}\\n"), vac.out);
        assertEquals(vac.out, Files.readString(vacFile));
        assertEquals(45, Files.size(vacFile));

        CommandRun list = run("unvac", "--store", store, "--list", vac.out.trim());
        assertEquals(0, list.code, list.err);
        assertTrue(list.out.contains(" sub/hello.txt"), list.out);
        assertTrue(list.out.contains(" 13 "), list.out);

        Path dest = tmp.resolve("dest");
        CommandRun unvac = run("unvac", "--store", store, vacFile.toString(), dest.toString());
        assertEquals(0, unvac.code, unvac.err);
        assertEquals("hello, world\n", Files.readString(dest.resolve("sub/hello.txt")));

        CommandRun again = run("vac", "--store", store, "-d", vacFile.toString(), dir.toString());
        // Reading the files moved their atimes (relatime), so the score differs; the run must still work.
        assertEquals(0, again.code, again.err);
        assertTrue(again.out.matches("vac:[0-9a-f]{40}\\n"), again.out);
    }

    @Test
    void mistakesAreOneSentenceAndTheRightExitCode() throws IOException {
        Path dir = sampleDir();
        String store = tmp.resolve("store").toString();
        CommandRun notADir = run("vac", "--store", store, dir.resolve("top").toString());
        assertEquals(1, notADir.code);
        assertTrue(notADir.err.contains("is not a directory"), notADir.err);

        CommandRun badScore = run("unvac", "--store", store, "vac:1234", tmp.resolve("x").toString());
        assertEquals(1, badScore.code);
        assertTrue(badScore.err.contains("vac:SCORE"), badScore.err);

        CommandRun unknown = run("unvac", "--store", store, "vac:" + "ab".repeat(20), tmp.resolve("x").toString());
        assertEquals(1, unknown.code);
        assertTrue(unknown.err.contains("no block with score"), unknown.err);

        CommandRun noDest = run("unvac", "--store", store, "vac:" + "ab".repeat(20));
        assertEquals(2, noDest.code);

        Path junk = Files.writeString(tmp.resolve("junk.vac"), "not a score");
        CommandRun junkFile = run("unvac", "--store", store, junk.toString(), tmp.resolve("y").toString());
        assertEquals(1, junkFile.code);
        assertTrue(junkFile.err.contains("junk.vac"), junkFile.err);

        assertEquals(2, run("vac", "--store", store, "--block-size", "100", dir.toString()).code);
    }
}
