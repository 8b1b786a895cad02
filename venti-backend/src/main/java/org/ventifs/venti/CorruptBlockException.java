package org.ventifs.venti;

import java.io.IOException;

/** Stored bytes failed verification: they do not hash to their score, or cannot be decoded. */
public final class CorruptBlockException extends IOException {
    public CorruptBlockException(String message) {
        super(message);
    }

    public CorruptBlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
