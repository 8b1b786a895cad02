package org.ventifs.cli;

/** The exit codes every ventifs command uses. */
final class ExitCode {
    /** Success. */
    static final int OK = 0;
    /** A failure the user can fix (a missing file, a store that cannot be opened, a check that found problems). */
    static final int FAILURE = 1;
    /** Bad usage (picocli's own code for parameter errors). */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
