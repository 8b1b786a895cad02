package org.ventifs.vac;

/**
 * Bytes that do not decode as the vac record they should hold: a bad magic, a
 * length that runs past the buffer, a field out of range. Readers that know which
 * block held the bytes rethrow it as a {@link org.ventifs.venti.CorruptBlockException}
 * naming the score.
 */
public final class VacFormatException extends IllegalArgumentException {
    public VacFormatException(String message) {
        super(message);
    }
}
