package org.ventifs.vac;

import java.util.HexFormat;

/** Golden bytes written as spaced hex in the tests. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String repeat(String byteHex, int times) {
        return byteHex.repeat(times);
    }
}
