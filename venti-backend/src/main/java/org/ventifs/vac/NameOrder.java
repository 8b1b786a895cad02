package org.ventifs.vac;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The order of names in a MetaBlock's index table, which its magic selects.
 * Fossil's magic means plain bytewise order; vac's magic means bytewise order
 * except that a name sorts after every longer name it is a prefix of.
 */
public enum NameOrder {
    /** Magic 0x5656fc79, as plan9port's vac writes: a prefix sorts after its extensions. */
    VAC(0x5656fc79),
    /** Magic 0x5656fc7a, as fossil writes: plain bytewise order. */
    FOSSIL(0x5656fc7a);

    private final int magic;

    NameOrder(int magic) {
        this.magic = magic;
    }

    /** The MetaBlock magic that selects this order. */
    public int magic() {
        return magic;
    }

    /**
     * Returns the order a MetaBlock magic selects.
     *
     * @throws VacFormatException when the magic is neither
     */
    public static NameOrder ofMagic(int magic) {
        for (NameOrder o : values()) {
            if (o.magic == magic) {
                return o;
            }
        }
        throw new VacFormatException("MetaBlock magic " + Integer.toHexString(magic)
                + " is neither 5656fc79 nor 5656fc7a");
    }

    /** Compares two names, as UTF-8 bytes, in this order. */
    public int compare(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        int mismatch = Arrays.mismatch(a, 0, common, b, 0, common);
        if (mismatch >= 0) {
            return Integer.compare(a[mismatch] & 0xff, b[mismatch] & 0xff);
        }
        int byLength = Integer.compare(a.length, b.length);
        return this == VAC ? -byLength : byLength;
    }

    /** Compares two names in this order. */
    public int compare(String a, String b) {
        return compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
