package org.ventifs.venti.local;

import java.io.IOException;

/** Bytes that do not decode as the structure expected there: bad magic, bad checksum, impossible field. */
final class FormatException extends IOException {
    FormatException(String message) {
        super(message);
    }
}
