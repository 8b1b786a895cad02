package org.ventifs.venti.wire;

import java.io.IOException;

/**
 * A message or handshake that breaks the Venti protocol: malformed, truncated,
 * too large or of a kind we do not serve. Carries the request's tag when it could
 * be read, so that a server can answer with Rerror instead of hanging up.
 */
public class ProtocolException extends IOException {
    /** The tag value used when no tag could be read. */
    public static final int NO_TAG = -1;

    private final int tag;

    /** A protocol error about the message with {@code tag} ({@link #NO_TAG} when unknown). */
    public ProtocolException(String message, int tag) {
        super(message);
        this.tag = tag;
    }

    /** A protocol error not tied to one message (the handshake, the framing). */
    public ProtocolException(String message) {
        this(message, NO_TAG);
    }

    /** The offending message's tag (0..255), or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** Whether the offending message's tag is known, so the peer can be answered. */
    public boolean hasTag() {
        return tag != NO_TAG;
    }
}
