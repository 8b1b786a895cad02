package org.ventifs.fs.control;

/**
 * One request line of the control protocol (docs/control-protocol.md): {@code snap},
 * {@code snap --no-wait}, {@code status} or {@code history PATH}.
 *
 * @param kind     what is asked
 * @param argument the path of {@code history} (relative to the file system's root), else empty
 */
record ControlRequest(Kind kind, String argument) {
    /** The longest request line a server reads. */
    static final int MAX_LINE = 4096 + 16;

    /** The requests there are. */
    enum Kind { SNAP, SNAP_NO_WAIT, STATUS, HISTORY }

    static final ControlRequest SNAP = new ControlRequest(Kind.SNAP, "");
    static final ControlRequest SNAP_NO_WAIT = new ControlRequest(Kind.SNAP_NO_WAIT, "");
    static final ControlRequest STATUS = new ControlRequest(Kind.STATUS, "");

    ControlRequest {
        if (argument.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a request argument cannot hold a newline");
        }
    }

    /** The request's line, without its newline. */
    String encode() {
        return switch (kind) {
            case SNAP -> "snap";
            case SNAP_NO_WAIT -> "snap --no-wait";
            case STATUS -> "status";
            case HISTORY -> "history " + argument;
        };
    }

    /** The request {@code line} spells, or null when none. */
    static ControlRequest decode(String line) {
        if (line.startsWith("history ") && line.length() > 8) {
            return new ControlRequest(Kind.HISTORY, line.substring(8));
        }
        return switch (line.strip()) {
            case "snap" -> SNAP;
            case "snap --no-wait" -> SNAP_NO_WAIT;
            case "status" -> STATUS;
            default -> null;
        };
    }
}
