package org.ventifs.fs.fuse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes one request, calls the file system, and encodes the answer. The struct
 * layouts are those of linux/fuse.h, protocol 7.31 and later; see docs/fuse-engine.md.
 */
final class RequestHandler {
    /** The protocol minor version we speak (fuse_init_out has its 64-byte form from 7.23). */
    static final int MINOR = 31;

    // FUSE_INIT flags
    private static final int ASYNC_READ = 1;
    private static final int ATOMIC_O_TRUNC = 1 << 3;
    private static final int BIG_WRITES = 1 << 5;
    private static final int AUTO_INVAL_DATA = 1 << 12;
    private static final int ASYNC_DIO = 1 << 15;
    private static final int WRITEBACK_CACHE = 1 << 16;
    private static final int PARALLEL_DIROPS = 1 << 18;
    private static final int ABORT_ERROR = 1 << 21;
    private static final int MAX_PAGES = 1 << 22;
    private static final int CACHE_SYMLINKS = 1 << 23;

    private static final int GETATTR_FH = 1;
    private static final int FSYNC_FDATASYNC = 1;

    private final FuseFileSystem fs;
    private final FuseConfig config;

    RequestHandler(FuseFileSystem fs, FuseConfig config) {
        this.fs = fs;
        this.config = config;
    }

    /** Handles {@code req}, leaving the answer in {@code reply} (or marking it silent). */
    void handle(Request req, Reply reply) {
        ByteBuffer out = reply.begin(req.unique);
        try {
            dispatch(req, out, reply);
            if (!reply.silent) {
                reply.finish(0);
            }
        } catch (FuseException e) {
            reply.error(e.errno());
        } catch (RuntimeException | Error e) {
            System.err.println("ventifs: internal error in FUSE operation " + req.opcode + " on inode "
                    + req.nodeid + ": " + e);
            e.printStackTrace();
            reply.error(Errno.EIO);
        }
    }

    private void dispatch(Request req, ByteBuffer out, Reply reply) throws FuseException {
        Caller c = req.caller;
        long ino = req.nodeid;
        switch (req.opcode) {
            case Opcode.INIT -> init(req, out);
            case Opcode.LOOKUP -> lookup(req, out);
            case Opcode.FORGET -> {
                fs.forget(ino, req.u64());
                reply.silent = true;
            }
            case Opcode.BATCH_FORGET -> {
                int count = req.u32();
                req.u32();
                for (int i = 0; i < count && req.buf.remaining() >= 16; i++) {
                    fs.forget(req.u64(), req.u64());
                }
                reply.silent = true;
            }
            case Opcode.INTERRUPT -> reply.silent = true;
            case Opcode.GETATTR -> {
                int flags = req.u32();
                req.u32();
                long fh = req.u64();
                attr(out, fs.getattr(c, ino, (flags & GETATTR_FH) != 0 ? fh : -1));
            }
            case Opcode.SETATTR -> attr(out, fs.setattr(c, ino, setAttributes(req)));
            case Opcode.READLINK -> out.put(fs.readlink(c, ino));
            case Opcode.SYMLINK -> {
                String name = req.name();
                entry(out, fs.symlink(c, ino, name, req.cString()));
            }
            case Opcode.MKNOD -> {
                int mode = req.u32();
                int rdev = req.u32();
                req.skip(8);
                entry(out, fs.mknod(c, ino, req.name(), mode, rdev));
            }
            case Opcode.MKDIR -> {
                int mode = req.u32();
                req.u32();
                entry(out, fs.mkdir(c, ino, req.name(), mode));
            }
            case Opcode.UNLINK -> fs.unlink(c, ino, req.name());
            case Opcode.RMDIR -> fs.rmdir(c, ino, req.name());
            case Opcode.RENAME -> {
                long newDir = req.u64();
                fs.rename(c, ino, req.name(), newDir, req.name(), 0);
            }
            case Opcode.RENAME2 -> {
                long newDir = req.u64();
                int flags = req.u32();
                req.u32();
                fs.rename(c, ino, req.name(), newDir, req.name(), flags);
            }
            case Opcode.LINK -> {
                long old = req.u64();
                entry(out, fs.link(c, old, ino, req.name()));
            }
            case Opcode.OPEN -> opened(out, fileOpened(fs.open(c, ino, req.u32())));
            case Opcode.CREATE -> {
                int flags = req.u32();
                int mode = req.u32();
                req.skip(8);
                Created created = fs.create(c, ino, req.name(), mode, flags);
                entry(out, created.attributes());
                opened(out, fileOpened(created.opened()));
            }
            case Opcode.READ -> read(req, out);
            case Opcode.WRITE -> write(req, out);
            case Opcode.FLUSH -> fs.flush(c, ino, req.u64());
            case Opcode.RELEASE -> fs.release(c, ino, req.u64());
            case Opcode.FSYNC -> {
                long fh = req.u64();
                fs.fsync(c, ino, fh, (req.u32() & FSYNC_FDATASYNC) != 0);
            }
            case Opcode.OPENDIR -> opened(out, fs.opendir(c, ino));
            case Opcode.READDIR -> readdir(req, out);
            case Opcode.RELEASEDIR -> fs.releasedir(c, ino, req.u64());
            case Opcode.FSYNCDIR -> {
                long fh = req.u64();
                fs.fsyncdir(c, ino, fh, (req.u32() & FSYNC_FDATASYNC) != 0);
            }
            case Opcode.STATFS -> statfs(out, fs.statfs(c, ino));
            case Opcode.SETXATTR -> {
                int size = req.u32();
                int flags = req.u32();
                String name = req.name();
                fs.setxattr(c, ino, name, req.bytes(size), flags);
            }
            case Opcode.GETXATTR -> {
                int size = req.u32();
                req.u32();
                sized(out, fs.getxattr(c, ino, req.name()), size);
            }
            case Opcode.LISTXATTR -> {
                int size = req.u32();
                sized(out, joinNames(fs.listxattr(c, ino)), size);
            }
            case Opcode.REMOVEXATTR -> fs.removexattr(c, ino, req.name());
            case Opcode.DESTROY -> fs.destroy();
            default -> throw new FuseException(Errno.ENOSYS);
        }
    }


    private void init(Request req, ByteBuffer out) throws FuseException {
        int major = req.u32();
        int minor = req.u32();
        int maxReadahead = req.u32();
        int flags = req.u32();
        if (major != 7) {
            throw new FuseException(Errno.EPROTO, "kernel FUSE protocol " + major + "." + minor);
        }
        int want = ASYNC_READ | ATOMIC_O_TRUNC | BIG_WRITES | AUTO_INVAL_DATA | ASYNC_DIO | PARALLEL_DIROPS
                | ABORT_ERROR | MAX_PAGES | CACHE_SYMLINKS;
        if (config.writebackCache()) {
            want |= WRITEBACK_CACHE;
        }
        out.putInt(7).putInt(MINOR).putInt(maxReadahead).putInt(flags & want)
                .putShort((short) 64).putShort((short) 48)
                .putInt(config.maxWrite()).putInt(1)
                .putShort((short) (FuseConfig.MAX_WRITE_LIMIT / 4096)).putShort((short) 0)
                .putInt(0);
        for (int i = 0; i < 7; i++) {
            out.putInt(0);
        }
    }

    private SetAttributes setAttributes(Request req) {
        int valid = req.u32();
        req.u32();
        long fh = req.u64();
        long size = req.u64();
        req.u64(); // lock owner
        long atime = req.u64();
        long mtime = req.u64();
        long ctime = req.u64();
        int atimeNs = req.u32();
        int mtimeNs = req.u32();
        int ctimeNs = req.u32();
        int mode = req.u32();
        req.u32();
        int uid = req.u32();
        int gid = req.u32();
        return new SetAttributes(valid, fh, size, atime, atimeNs, mtime, mtimeNs, ctime, ctimeNs, mode, uid, gid);
    }

    private void read(Request req, ByteBuffer out) throws FuseException {
        long fh = req.u64();
        long offset = req.u64();
        int size = req.u32();
        int limit = Math.min(size, out.capacity() - Reply.HEADER_SIZE);
        ByteBuffer dst = out.slice(Reply.HEADER_SIZE, limit).order(out.order());
        fs.read(req.caller, req.nodeid, fh, offset, dst);
        out.position(Reply.HEADER_SIZE + dst.position());
    }

    private void write(Request req, ByteBuffer out) throws FuseException {
        long fh = req.u64();
        long offset = req.u64();
        int size = req.u32();
        req.u32(); // write flags
        req.u64(); // lock owner
        int openFlags = req.u32();
        req.u32();
        if (size > req.buf.remaining()) {
            throw new FuseException(Errno.EINVAL, "write larger than its request");
        }
        ByteBuffer src = req.buf.slice(req.buf.position(), size);
        int written = fs.write(req.caller, req.nodeid, fh, offset, src, openFlags);
        out.putInt(written).putInt(0);
    }

    private void readdir(Request req, ByteBuffer out) throws FuseException {
        long fh = req.u64();
        long offset = req.u64();
        int size = req.u32();
        int end = Reply.HEADER_SIZE + Math.min(size, out.capacity() - Reply.HEADER_SIZE);
        fs.readdir(req.caller, req.nodeid, fh, offset, (name, ino, mode, next) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int recLen = (24 + n.length + 7) & ~7;
            if (out.position() + recLen > end) {
                return false;
            }
            int start = out.position();
            out.putLong(ino).putLong(next).putInt(n.length).putInt((mode >>> 12) & 0xf).put(n);
            while (out.position() < start + recLen) {
                out.put((byte) 0);
            }
            return true;
        });
    }

    /**
     * A name that is not there answers ENOENT, or, with a negative timeout, an entry of
     * inode 0 that the kernel may remember as absent for that long.
     */
    private void lookup(Request req, ByteBuffer out) throws FuseException {
        try {
            entry(out, fs.lookup(req.caller, req.nodeid, req.name()));
        } catch (FuseException e) {
            if (e.errno() != Errno.ENOENT || config.negativeTimeout() <= 0) {
                throw e;
            }
            out.position(Reply.HEADER_SIZE);
            out.putLong(0).putLong(0).putLong((long) config.negativeTimeout()).putLong(0)
                    .putInt(nanos(config.negativeTimeout())).putInt(0);
            out.put(new byte[Attributes.WIRE_SIZE]);
        }
    }

    /** A regular file's open answer, with KEEP_CACHE added when configured. */
    private Opened fileOpened(Opened o) {
        return config.keepCache() && (o.flags() & Opened.DIRECT_IO) == 0
                ? new Opened(o.fh(), o.flags() | Opened.KEEP_CACHE) : o;
    }

    private void entry(ByteBuffer out, Attributes a) {
        long entrySec = (long) config.entryTimeout();
        long attrSec = (long) config.attrTimeout();
        out.putLong(a.ino()).putLong(0)
                .putLong(entrySec).putLong(attrSec)
                .putInt(nanos(config.entryTimeout())).putInt(nanos(config.attrTimeout()));
        a.encode(out);
    }

    private void attr(ByteBuffer out, Attributes a) {
        out.putLong((long) config.attrTimeout()).putInt(nanos(config.attrTimeout())).putInt(0);
        a.encode(out);
    }

    private static void opened(ByteBuffer out, Opened o) {
        out.putLong(o.fh()).putInt(o.flags()).putInt(0);
    }

    private static void statfs(ByteBuffer out, StatFs s) {
        out.putLong(s.blocks()).putLong(s.blocksFree()).putLong(s.blocksAvailable())
                .putLong(s.files()).putLong(s.filesFree())
                .putInt(s.blockSize()).putInt(s.nameMax()).putInt(s.blockSize()).putInt(0);
        for (int i = 0; i < 6; i++) {
            out.putInt(0);
        }
    }

    /** getxattr/listxattr: size 0 asks only for the length; too small a buffer is ERANGE. */
    private static void sized(ByteBuffer out, byte[] value, int size) throws FuseException {
        if (size == 0) {
            out.putInt(value.length).putInt(0);
        } else if (value.length > size) {
            throw new FuseException(Errno.ERANGE);
        } else {
            out.put(value);
        }
    }

    private static byte[] joinNames(List<String> names) {
        ByteBuffer b = ByteBuffer.allocate(names.stream().mapToInt(n -> n.length() * 4 + 1).sum());
        for (String n : names) {
            b.put(n.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static int nanos(double seconds) {
        return (int) Math.round((seconds - Math.floor(seconds)) * 1e9);
    }
}
