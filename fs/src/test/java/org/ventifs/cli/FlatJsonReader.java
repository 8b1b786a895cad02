package org.ventifs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of one flat JSON object (strings, numbers, true, false, null; no nesting),
 * so that tests check --json output really parses. Numbers become Double.
 */
final class FlatJsonReader {
    private final String s;
    private int i;

    private FlatJsonReader(String s) {
        this.s = s;
    }

    /** The object's fields in order. @throws IllegalArgumentException at the first byte that is not valid JSON */
    static Map<String, Object> parse(String json) {
        FlatJsonReader r = new FlatJsonReader(json.strip());
        Map<String, Object> out = new LinkedHashMap<>();
        r.expect('{');
        r.space();
        if (r.peek() != '}') {
            do {
                r.space();
                String key = r.string();
                r.space();
                r.expect(':');
                r.space();
                if (out.put(key, r.value()) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
                r.space();
            } while (r.take() == ',');
            r.i--;
        }
        r.expect('}');
        if (r.i != r.s.length()) {
            throw new IllegalArgumentException("text after the object at " + r.i);
        }
        return out;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String number = s.substring(start, i);
        if (!number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("not a JSON value at " + start + ": " + s.substring(start));
        }
        return Double.valueOf(number);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        for (char c; (c = take()) != '"'; ) {
            if (c < 0x20) {
                throw new IllegalArgumentException("a control character in a string at " + (i - 1));
            }
            if (c == '\\') {
                char e = take();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape at " + (i - 1));
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("the JSON ends early");
        }
        return s.charAt(i);
    }

    private char take() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (take() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1) + " in " + s);
        }
    }
}
