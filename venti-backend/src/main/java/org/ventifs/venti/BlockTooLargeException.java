package org.ventifs.venti;

import java.io.IOException;

/** A write of more than {@link BlockStore#MAX_BLOCK_SIZE} bytes. */
public final class BlockTooLargeException extends IOException {
    public BlockTooLargeException(int length) {
        // plan9port's server says "lump too large"; keep those words in ours.
        super("lump too large: " + length + " bytes, the limit is " + BlockStore.MAX_BLOCK_SIZE);
    }
}
