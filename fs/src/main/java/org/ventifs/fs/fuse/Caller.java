package org.ventifs.fs.fuse;

/** Who made a request: the kernel's view of the calling process's credentials. */
public record Caller(int uid, int gid, int pid) {
}
