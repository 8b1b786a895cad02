package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        CommandRun r = run("--help");
        assertEquals(0, r.code);
        for (String sub : new String[] {"mount", "snap", "dumps", "status", "history", "format", "check",
                "vac", "unvac", "venti", "bench"}) {
            assertTrue(r.out.contains(sub), "help mentions " + sub + ":\n" + r.out);
        }
    }

    @Test
    void eachSubcommandIsBuiltAloneUnderItsOwnName() {
        VentifsCommand.SUBCOMMANDS.forEach((name, make) -> {
            picocli.CommandLine cl = Main.newCommandLine(name, "--help");
            assertEquals(java.util.Set.of(name), cl.getSubcommands().keySet(), name);
            assertEquals(make.get().getClass(), cl.getSubcommands().get(name).getCommand().getClass(), name);
        });
        assertEquals(VentifsCommand.SUBCOMMANDS.keySet(), Main.newCommandLine("--help").getSubcommands().keySet());
    }

    @Test
    void ventiHelpListsServeAndRebuildIndex() {
        CommandRun r = run("venti", "--help");
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
