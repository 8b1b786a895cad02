package org.ventifs.vac;

import java.util.Arrays;

/**
 * One extended attribute: a full name such as {@code user.comment} and its value.
 *
 * @param name  the attribute's name, namespace included
 * @param value its bytes
 */
public record Xattr(String name, byte[] value) {
    public Xattr {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && name.equals(x.name) && Arrays.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + "=" + value.length + " bytes";
    }
}
