package org.ventifs.vac.posix;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library's extended-attribute calls on a path itself (links not followed),
 * bound by jnr-ffi. Public only because jnr-ffi implements it at run time.
 */
public interface XattrCalls {
    /** llistxattr(2): the NUL-separated names, or -1 with errno. */
    @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

    /** lgetxattr(2): the value's length, or -1 with errno. */
    @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    /** lsetxattr(2): 0, or -1 with errno. */
    int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);
}
