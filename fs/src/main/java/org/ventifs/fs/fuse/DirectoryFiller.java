package org.ventifs.fs.fuse;

/** Receives the entries of one readdir reply, in order. */
public interface DirectoryFiller {
    /**
     * Adds one entry; {@code nextOffset} is the offset at which a later readdir
     * continues after it. Returns false when the reply is full: the entry was not
     * added, and the caller should stop.
     */
    boolean add(String name, long ino, int mode, long nextOffset);
}
