package org.ventifs.fs.fuse;

import java.util.List;
import java.util.Properties;

/**
 * Overrides of the engine's settings from properties, so each can be measured without
 * a code change (java -Dventifs.fuse.maxWrite=131072 ..., or VENTIFS_JAVA_OPTS for the
 * launcher): threads, maxWrite, entryTimeout, attrTimeout, negativeTimeout (seconds),
 * writebackCache, keepCache (true or false). Anything else under ventifs.fuse. is refused,
 * so a misspelt name does not measure the default by mistake.
 */
public final class FuseTuning {
    static final String PREFIX = "ventifs.fuse.";
    private static final List<String> KNOWN = List.of("threads", "maxWrite", "entryTimeout", "attrTimeout",
            "negativeTimeout", "writebackCache", "keepCache");

    private FuseTuning() {
    }

    /** Returns {@code base} with every setting {@code props} names replaced. */
    public static FuseConfig apply(FuseConfig base, Properties props) {
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(PREFIX) && !KNOWN.contains(name.substring(PREFIX.length()))) {
                throw new IllegalArgumentException("unknown FUSE setting " + name + "; known: " + KNOWN);
            }
        }
        return new FuseConfig(
                (int) number(props, "threads", base.threads()),
                (int) number(props, "maxWrite", base.maxWrite()),
                number(props, "entryTimeout", base.entryTimeout()),
                number(props, "attrTimeout", base.attrTimeout()),
                number(props, "negativeTimeout", base.negativeTimeout()),
                flag(props, "writebackCache", base.writebackCache()),
                flag(props, "keepCache", base.keepCache()));
    }

    private static double number(Properties props, String name, double fallback) {
        String v = props.getProperty(PREFIX + name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a number, not " + v);
        }
    }

    private static boolean flag(Properties props, String name, boolean fallback) {
        String v = props.getProperty(PREFIX + name);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip()) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException(PREFIX + name + " must be true or false, not " + v);
        };
    }
}
