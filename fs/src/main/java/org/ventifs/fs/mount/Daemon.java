package org.ventifs.fs.mount;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a mount in the background the way a Unix daemon does: the same program
 * started again in the foreground (-f) in a session of its own, its output going to
 * a log file, while the caller waits until the mount is up (or the child has died)
 * and then returns, so that {@code ventifs mount} exits only once the mount works.
 */
public final class Daemon {
    private static final long POLL_MILLIS = 50;

    private Daemon() {
    }

    /**
     * Starts {@code mainClass} with {@code args} (which must make it mount in the
     * foreground at {@code mountpoint}) as a detached child, and waits up to
     * {@code timeoutSeconds} for a mount of type {@code fuseType} to appear.
     *
     * @return the child's pid
     * @throws IOException naming the child's last words in {@code log} when it exits
     *                     or the mount does not appear in time
     */
    public static long start(String mainClass, List<String> args, Path mountpoint, String fuseType, Path log,
                             int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!jvmArg.startsWith("-agentlib:jdwp")) {
                cmd.add(jvmArg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process child = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        Path abs = mountpoint.toAbsolutePath().normalize();
        while (System.nanoTime() < deadline) {
            Optional<MountTable.Mount> m = MountTable.at(abs);
            if (m.isPresent() && m.get().type().equals(fuseType)) {
                return child.pid();
            }
            if (!child.isAlive()) {
                throw new IOException(lastWords(log, "the background mount exited with status " + child.exitValue()));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the mount at " + abs, e);
            }
        }
        child.destroy();
        throw new IOException("the mount at " + abs + " did not come up within " + timeoutSeconds
                + " seconds; see " + log);
    }

    /** The last non-empty line of the log, which holds the child's one-line error. */
    private static String lastWords(Path log, String fallback) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (!line.isEmpty()) {
                    return line.replaceFirst("^ventifs mount: ", "");
                }
            }
        } catch (IOException e) {
            // fall through to the generic message
        }
        return fallback + "; see " + log;
    }
}
