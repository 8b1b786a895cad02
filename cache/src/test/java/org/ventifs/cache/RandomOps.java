package org.ventifs.cache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random operations over every call of the cache's API, chosen from what the model holds so
 * that most succeed and the rest hit each error. {@link #apply} gives the same outcome text on
 * the cache and on the model when they agree.
 */
final class RandomOps {
    enum Kind {
        CREATE, MKNOD, MKDIR, SYMLINK, LINK, UNLINK, RMDIR, RENAME, OPEN, RELEASE, WRITE, READ, TRUNCATE,
        SETATTR, READDIR, GETATTR, LOOKUP, SETXATTR, GETXATTR, LISTXATTR, REMOVEXATTR, READLINK
    }

    /** One operation; which fields matter depends on the kind. */
    record Op(Kind kind, long ino, long dir, String name, long dir2, String name2, long offset, int length,
              int mode, long seed) {
    }

    private static final String[] NAMES = {"a", "b", "c", "d", "e", "f", "g"};
    private static final int[] WEIGHTS = {8, 2, 5, 2, 3, 5, 3, 6, 3, 3, 14, 6, 5, 4, 3, 3, 3, 3, 2, 1, 2, 1};

    private final Random random;
    private final int maxOffset;

    /** Operations from {@code seed}, writing at offsets below about {@code maxOffset}. */
    RandomOps(long seed, int maxOffset) {
        this.random = new Random(seed);
        this.maxOffset = maxOffset;
    }

    /** The next operation, chosen by looking at {@code model} only. */
    Op next(TreeModel model) {
        int total = Arrays.stream(WEIGHTS).sum();
        int pick = random.nextInt(total);
        int k = 0;
        while (pick >= WEIGHTS[k]) {
            pick -= WEIGHTS[k++];
        }
        Kind kind = Kind.values()[k];
        long ino = anyInode(model);
        if (random.nextInt(5) != 0) {
            if (kind == Kind.WRITE || kind == Kind.READ || kind == Kind.TRUNCATE || kind == Kind.OPEN) {
                ino = ofType(model, FileType.REGULAR, ino);
            } else if (kind == Kind.READLINK) {
                ino = ofType(model, FileType.SYMLINK, ino);
            }
        }
        long dir = directory(model);
        long dir2 = random.nextInt(4) == 0 ? dir : directory(model);
        long offset = random.nextInt(8) == 0 ? random.nextInt(maxOffset * 8) : random.nextInt(maxOffset);
        int length = random.nextInt(10) == 0 ? 0 : random.nextInt(maxOffset / 2 + 1);
        int mode = random.nextInt();
        return new Op(kind, ino, dir, name(), dir2, name(), offset, length, mode, random.nextLong());
    }

    private String name() {
        int r = random.nextInt(100);
        if (r == 0) {
            return "x".repeat(256);
        }
        if (r == 1) {
            return random.nextBoolean() ? "." : "";
        }
        return NAMES[random.nextInt(NAMES.length)];
    }

    private long anyInode(TreeModel model) {
        if (random.nextInt(20) == 0) {
            return 1 + random.nextInt((int) model.nextIno); // maybe deleted: ENOENT
        }
        List<Long> live = new ArrayList<>(model.nodes.keySet());
        live.sort(null);
        return live.get(random.nextInt(live.size()));
    }

    /** A live inode of {@code type}, or {@code otherwise} when there is none. */
    private long ofType(TreeModel model, FileType type, long otherwise) {
        List<Long> found = new ArrayList<>();
        for (Map.Entry<Long, TreeModel.Node> e : model.nodes.entrySet()) {
            if (e.getValue().type == type) {
                found.add(e.getKey());
            }
        }
        found.sort(null);
        return found.isEmpty() ? otherwise : found.get(random.nextInt(found.size()));
    }

    private long directory(TreeModel model) {
        if (random.nextInt(15) == 0) {
            return anyInode(model); // maybe not a directory: ENOTDIR
        }
        List<Long> dirs = new ArrayList<>();
        for (Map.Entry<Long, TreeModel.Node> e : model.nodes.entrySet()) {
            if (e.getValue().type == FileType.DIRECTORY && e.getValue().nlink > 0) {
                dirs.add(e.getKey());
            }
        }
        dirs.sort(null);
        return dirs.get(random.nextInt(dirs.size()));
    }

    /** Runs {@code op} on {@code tree}; returns its outcome: the result, or the errno. */
    static String apply(Op op, TreeOps tree) throws IOException {
        try {
            return run(op, tree);
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }

    private static String run(Op op, TreeOps t) throws IOException {
        Random r = new Random(op.seed());
        int uid = r.nextInt(3);
        int gid = r.nextInt(3);
        int perm = (op.mode() & 07777) | (r.nextInt(4) == 0 ? 02000 : 0);
        switch (op.kind()) {
            case CREATE:
                return t.create(op.dir(), op.name(), perm, uid, gid).toString();
            case MKNOD: {
                int[] types = {FileType.FIFO.modeBits(), FileType.CHAR_DEVICE.modeBits(), FileType.SOCKET.modeBits(),
                        FileType.REGULAR.modeBits(), FileType.DIRECTORY.modeBits()};
                return t.mknod(op.dir(), op.name(), types[r.nextInt(types.length)] | (perm & 0777), r.nextInt(1 << 20),
                        uid, gid).toString();
            }
            case MKDIR:
                return t.mkdir(op.dir(), op.name(), perm, uid, gid).toString();
            case SYMLINK:
                return t.symlink(op.dir(), op.name(), r.nextInt(10) == 0 ? "" : "../" + op.name2() + "/t" + r.nextInt(99),
                        uid, gid).toString();
            case LINK:
                return t.link(op.ino(), op.dir(), op.name()).toString();
            case UNLINK:
                t.unlink(op.dir(), op.name());
                return "ok";
            case RMDIR:
                t.rmdir(op.dir(), op.name());
                return "ok";
            case RENAME:
                t.rename(op.dir(), op.name(), op.dir2(), op.name2());
                return "ok";
            case OPEN:
                t.open(op.ino());
                return "ok";
            case RELEASE:
                t.release(op.ino());
                return "ok";
            case WRITE: {
                byte[] data = data(r, op.length());
                int off = r.nextInt(3);
                return "wrote " + t.write(op.ino(), op.offset(), pad(data, off), off, data.length);
            }
            case READ: {
                byte[] dst = new byte[op.length() + 2];
                int n = t.read(op.ino(), op.offset(), dst, 1, op.length());
                return "read " + n + " " + HexFormat.of().formatHex(dst);
            }
            case TRUNCATE:
                return t.setattr(op.ino(), AttrChange.none().withSize(op.offset())).toString();
            case SETATTR:
                return t.setattr(op.ino(), change(r, op.mode())).toString();
            case READDIR: {
                StringBuilder out = new StringBuilder();
                for (DirEntry e : t.readdir(op.dir(), 0, 1000)) {
                    out.append(e.name()).append('=').append(e.ino()).append(':').append(e.type()).append(' ');
                }
                return out.toString();
            }
            case GETATTR:
                return t.getattr(op.ino()).toString();
            case LOOKUP:
                return t.lookup(op.dir(), op.name()).toString();
            case SETXATTR: {
                XattrMode mode = XattrMode.values()[r.nextInt(3)];
                byte[] value = r.nextInt(40) == 0 ? new byte[TreeWriter.XATTR_MAX + 1] : data(r, r.nextInt(30));
                String name = r.nextInt(40) == 0 ? "" : "user." + op.name();
                t.setxattr(op.ino(), name, value, mode);
                return "ok";
            }
            case GETXATTR:
                return HexFormat.of().formatHex(t.getxattr(op.ino(), "user." + op.name()));
            case LISTXATTR:
                return t.listxattr(op.ino()).toString();
            case REMOVEXATTR:
                t.removexattr(op.ino(), "user." + op.name());
                return "ok";
            case READLINK:
                return t.readlink(op.ino());
            default:
                throw new AssertionError(op.kind());
        }
    }

    private static AttrChange change(Random r, int bits) {
        AttrChange c = AttrChange.none();
        if ((bits & 1) != 0) {
            c = c.withPerm(r.nextInt(010000));
        }
        if ((bits & 2) != 0) {
            c = c.withUid(r.nextInt(3));
        }
        if ((bits & 4) != 0) {
            c = c.withGid(r.nextInt(3));
        }
        if ((bits & 8) != 0) {
            c = c.withAtime(r.nextBoolean() ? AttrChange.NOW : r.nextLong() >>> 2);
        }
        if ((bits & 16) != 0) {
            c = c.withMtime(r.nextBoolean() ? AttrChange.NOW : r.nextLong() >>> 2);
        }
        return c;
    }

    /** Random bytes, or zeros, or bytes ending in zeros (the cache trims trailing zeros). */
    private static byte[] data(Random r, int length) {
        byte[] data = new byte[length];
        int kind = r.nextInt(4);
        if (kind != 0) {
            r.nextBytes(data);
        }
        if (kind == 2) {
            Arrays.fill(data, length / 2, length, (byte) 0);
        }
        return data;
    }

    private static byte[] pad(byte[] data, int offset) {
        byte[] out = new byte[data.length + offset + 1];
        System.arraycopy(data, 0, out, offset, data.length);
        return out;
    }
}
