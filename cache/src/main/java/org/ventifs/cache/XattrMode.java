package org.ventifs.cache;

/** How {@code setxattr} treats an existing attribute ({@code XATTR_CREATE}, {@code XATTR_REPLACE}). */
public enum XattrMode {
    /** Create or replace. */
    UPSERT,
    /** Fail with EEXIST when the attribute exists. */
    CREATE,
    /** Fail with ENODATA when the attribute does not exist. */
    REPLACE
}
