package org.ventifs.cli;

/**
 * Thrown by a subcommand whose implementation has not landed yet, so that it says
 * so plainly (exit 1) instead of pretending to work.
 */
final class NotBuiltYet extends RuntimeException {
    NotBuiltYet(String what, int issue) {
        super(what + " is not built yet in this version of ventifs (tracked as issue #" + issue + ")");
    }
}
