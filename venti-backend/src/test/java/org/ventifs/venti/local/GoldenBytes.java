package org.ventifs.venti.local;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** Builds expected encodings by hand in tests: hex pieces, then the CRC-32C the formats append. */
final class GoldenBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends bytes written as hex digits (spaces allowed). */
    GoldenBytes hex(String digits) {
        out.writeBytes(HexFormat.of().parseHex(digits.replace(" ", "")));
        return this;
    }

    /** Appends the big-endian CRC-32C of everything so far. */
    GoldenBytes crc() {
        CRC32C crc = new CRC32C();
        byte[] sofar = out.toByteArray();
        crc.update(sofar);
        long v = crc.getValue();
        out.writeBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
