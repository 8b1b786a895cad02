package org.ventifs.cli;

import java.util.Locale;
import java.util.Map;

/** One JSON object on one line from a map of strings, numbers, booleans and nulls (no nesting), for --json output. */
final class FlatJson {
    private FlatJson() {
    }

    /** The object of {@code fields}, in the map's order; a double has 4 decimals, and is null when not finite. */
    static String of(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(quoted(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d);
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return quoted(v.toString());
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
