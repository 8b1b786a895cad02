package org.ventifs.snapshot;

import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.regex.Pattern;

/** Dump names: {@code yyyy/mmdd} in local time, then {@code yyyy/mmdd.1}, {@code .2} the same day. */
public final class DumpName {
    private static final Pattern NAME = Pattern.compile("[0-9]{4}/(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(\\.[1-9][0-9]*)?");

    private DumpName() {
    }

    /** Whether {@code name} has the form of a dump name. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The first name for a dump frozen at {@code when} that is not in {@code taken}. */
    public static String next(ZonedDateTime when, Collection<String> taken) {
        String base = String.format("%04d/%02d%02d", when.getYear(), when.getMonthValue(), when.getDayOfMonth());
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 1; ; n++) {
            String name = base + "." + n;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }
}
