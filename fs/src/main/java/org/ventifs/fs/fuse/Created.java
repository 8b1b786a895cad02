package org.ventifs.fs.fuse;

/** The answer to create: the new file's attributes and its open handle. */
public record Created(Attributes attributes, Opened opened) {
}
