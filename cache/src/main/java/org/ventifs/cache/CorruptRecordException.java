package org.ventifs.cache;

/** Bytes read from the cache do not decode as the record the format says is there. */
final class CorruptRecordException extends RuntimeException {
    CorruptRecordException(String message) {
        super(message);
    }
}
