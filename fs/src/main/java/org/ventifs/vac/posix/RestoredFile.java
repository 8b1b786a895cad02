package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * A regular file being restored, held open by its descriptor: contents, owner, mode
 * and times are all set through the descriptor, so the kernel walks the path once.
 */
final class RestoredFile implements AttributeTarget, AutoCloseable {
    private final Path path;
    private final int fd;

    private RestoredFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Creates the file {@code path} for writing; fails when anything, a link included, is there. */
    static RestoredFile create(Path path) throws IOException {
        return new RestoredFile(path, Posix.createForWriting(path));
    }

    /** Writes {@code length} bytes of {@code data} from {@code offset} at {@code position} of the file. */
    void write(byte[] data, int offset, int length, long position) throws IOException {
        Posix.writeAt(fd, ByteBuffer.wrap(data, offset, length), position, path);
    }

    /** Sets the file's length; a longer one ends in a hole. */
    void setLength(long length) throws IOException {
        Posix.setLength(fd, length, path);
    }

    @Override
    public void setOwner(int uid, int gid) throws IOException {
        Posix.fchown(fd, uid, gid, path);
    }

    @Override
    public void setMode(int mode) throws IOException {
        Posix.fchmod(fd, mode, path);
    }

    @Override
    public void setTimes(Timestamp atime, Timestamp mtime) throws IOException {
        Posix.setTimes(fd, atime, mtime, path);
    }

    @Override
    public void close() throws IOException {
        Posix.close(fd, path);
    }
}
