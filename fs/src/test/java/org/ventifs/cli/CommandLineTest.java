package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {
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

    @Test
    void topLevelHelpListsEverySubcommand() {
        Result r = run("--help");
        assertEquals(0, r.code);
        for (String sub : new String[] {"mount", "snap", "dumps", "status", "history", "format", "check",
                "vac", "unvac", "venti", "bench"}) {
            assertTrue(r.out.contains(sub), "help mentions " + sub + ":\n" + r.out);
        }
    }

    @Test
    void ventiHelpListsServeAndRebuildIndex() {
        Result r = run("venti", "--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("serve"));
        assertTrue(r.out.contains("rebuild-index"));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("no-such-command").code);
        assertEquals(2, run().code);
        assertEquals(2, run("venti").code);
        assertEquals(2, run("mount", "--no-such-option", "/mnt").code);
    }
}
