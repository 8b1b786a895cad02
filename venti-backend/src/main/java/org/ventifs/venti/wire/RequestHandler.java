package org.ventifs.venti.wire;

import java.io.IOException;
import java.util.function.Consumer;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockTooLargeException;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.wire.VentiMessage.Rerror;
import org.ventifs.venti.wire.VentiMessage.Rread;
import org.ventifs.venti.wire.VentiMessage.Rsync;
import org.ventifs.venti.wire.VentiMessage.Rwrite;
import org.ventifs.venti.wire.VentiMessage.Tread;
import org.ventifs.venti.wire.VentiMessage.Tsync;
import org.ventifs.venti.wire.VentiMessage.Twrite;

/**
 * Answers the store requests (Tread, Twrite, Tsync) from a {@link BlockStore}: every
 * request gets its reply or an Rerror whose text is the store's error message, so
 * plan9port's words ("no block with score ... exists", "lump too large") reach the client.
 */
final class RequestHandler {
    private final BlockStore store;
    private final Consumer<String> log;

    RequestHandler(BlockStore store, Consumer<String> log) {
        this.store = store;
        this.log = log;
    }

    /** Returns the reply to a store request; never throws. */
    VentiMessage answer(VentiMessage request) {
        int tag = request.tag();
        try {
            if (request instanceof Tread r) {
                byte[] block = store.get(r.score(), r.type());
                if (block.length > r.count()) {
                    return new Rerror(tag, "block " + r.score() + "/" + r.type().wireNumber() + " holds "
                            + block.length + " bytes, more than the " + r.count() + " asked for");
                }
                return new Rread(tag, block);
            }
            if (request instanceof Twrite w) {
                byte[] data = w.data();
                if (data.length > BlockStore.MAX_BLOCK_SIZE) {
                    throw new BlockTooLargeException(data.length);
                }
                return new Rwrite(tag, store.put(w.type(), data, 0, data.length));
            }
            if (request instanceof Tsync) {
                store.sync();
                return new Rsync(tag);
            }
            return new Rerror(tag, request.getClass().getSimpleName() + " is not a request");
        } catch (NoSuchBlockException | BlockTooLargeException e) {
            return Rerror.of(tag, e.getMessage());
        } catch (IOException e) {
            log.accept("store error answering " + request + ": " + e.getMessage());
            return Rerror.of(tag, e.getMessage());
        } catch (RuntimeException e) {
            log.accept("internal error answering " + request + ": " + e);
            return Rerror.of(tag, "internal error in the venti server: " + e);
        }
    }
}
