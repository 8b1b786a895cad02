package org.ventifs.vac;

/**
 * The Big encoding of an entry's block sizes (and of the root's blocksize), used
 * for sizes of 64 KiB and more: 16 bits holding {@code mantissa << 5 | exponent},
 * standing for {@code mantissa << exponent}, with an 11-bit mantissa.
 */
final class BigSize {
    private static final int EXPONENT_BITS = 5;
    private static final int MANTISSA_LIMIT = 1 << (16 - EXPONENT_BITS);

    private BigSize() {
    }

    /** Whether {@code size} needs the Big encoding (it does not fit 16 bits). */
    static boolean needed(int size) {
        return size >= 1 << 16;
    }

    /**
     * Returns the 16-bit Big encoding of {@code size}.
     *
     * @throws VacFormatException when {@code size} is not an 11-bit number shifted left
     */
    static int encode(int size) {
        int mantissa = size;
        int exponent = 0;
        while (mantissa >= MANTISSA_LIMIT) {
            if ((mantissa & 1) != 0) {
                throw new VacFormatException("block size " + size + " has no Big encoding");
            }
            mantissa >>>= 1;
            exponent++;
        }
        return mantissa << EXPONENT_BITS | exponent;
    }

    /** Returns the size that the 16-bit Big encoding {@code bits} stands for. */
    static int decode(int bits) {
        long size = (long) (bits >>> EXPONENT_BITS) << (bits & ((1 << EXPONENT_BITS) - 1));
        if (size > Integer.MAX_VALUE) {
            throw new VacFormatException("Big block size " + Integer.toHexString(bits) + " is too large");
        }
        return (int) size;
    }
}
