package org.ventifs.venti;

import java.io.IOException;

/** A write's bytes hash to a stored block's score but differ from its bytes. */
public final class ScoreCollisionException extends IOException {
    public ScoreCollisionException(Score score, BlockType type) {
        super("score collision: block " + score + "/" + type.wireNumber()
                + " is stored with different bytes; the new block was not written");
    }
}
