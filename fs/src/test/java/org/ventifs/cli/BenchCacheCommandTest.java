package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCacheCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsJsonAndRemovesWhatItWrote() throws Exception {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "cache", "--dir", tmp.toString(), "--files", "200", "--mib", "1");
        assertEquals(0, code);
        String json = out.toString();
        assertTrue(json.startsWith("{\"blockSize\": 32768, \"files\": 200"), json);
        assertTrue(json.contains("\"cacheWriteMBps\"") && json.contains("\"plainReadMBps\""), json);
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void missingDirIsAUsageError() {
        CommandLine cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("bench", "cache"));
    }
}
