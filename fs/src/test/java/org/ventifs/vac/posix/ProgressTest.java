package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link Progress}: its line names what it counts; on a pipe it stays quiet. */
class ProgressTest {
    @Test
    void countsItemsByTheirNoun() {
        try (Progress p = new Progress("check", "blocks", null)) {
            p.file(1 << 20);
            p.file(1 << 20);
            assertTrue(p.line().matches("check: 2 blocks, 2\\.0 MiB in \\d+\\.\\d s \\(\\d+\\.\\d MiB/s\\)"), p.line());
        }
    }

    @Test
    void printsNothingWhenStderrIsNoTerminal() throws Exception {
        assertFalse(Posix.isTerminal(Posix.STDERR), "the build runs tests with stderr in a pipe or file");
        StringWriter out = new StringWriter();
        try (Progress p = Progress.onTerminal("check", "blocks", new PrintWriter(out))) {
            p.file(1);
        }
        assertEquals("", out.toString());
    }
}
