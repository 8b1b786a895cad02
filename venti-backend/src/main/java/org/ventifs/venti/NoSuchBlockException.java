package org.ventifs.venti;

import java.io.IOException;

/** A read named a (score, type) that the store does not hold. */
public final class NoSuchBlockException extends IOException {
    public NoSuchBlockException(Score score, BlockType type) {
        // The same words as plan9port's server, so users recognise them.
        super("no block with score " + score + "/" + type.wireNumber() + " exists");
    }
}
