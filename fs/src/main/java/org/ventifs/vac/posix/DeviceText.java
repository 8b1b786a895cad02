package org.ventifs.vac.posix;

import java.util.Optional;
import org.ventifs.vac.ModeBits;

/**
 * The content vac gives a device: a short text naming {@code b} or {@code c} and
 * the major and minor numbers, such as {@code c 1 3}. Our POSIX extension carries
 * the exact dev_t as well; the text is what other tools read.
 */
final class DeviceText {
    private DeviceText() {
    }

    /** The text for the device {@code facts} describe. */
    static String of(FileFacts facts) {
        char kind = facts.type() == ModeBits.S_IFBLK ? 'b' : 'c';
        return kind + " " + Posix.major(facts.rdev()) + " " + Posix.minor(facts.rdev());
    }

    /** A parsed device text. */
    record Device(boolean block, long rdev) {
    }

    /** Parses a device text (surrounding white space allowed), or empty when it is not one. */
    static Optional<Device> parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 3 || !(f[0].equals("b") || f[0].equals("c"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Device(f[0].equals("b"),
                    Posix.makedev(Long.parseLong(f[1]), Long.parseLong(f[2]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
