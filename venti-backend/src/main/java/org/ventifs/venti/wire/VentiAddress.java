package org.ventifs.venti.wire;

import java.net.InetSocketAddress;

/**
 * A Venti server's address: written {@code tcp!host!port} as in Plan 9, or
 * {@code host:port}; {@code tcp!host} and a bare {@code host} take the conventional
 * port 17034. IPv6 hosts go in brackets in the colon form ({@code [::1]:17034}).
 */
public record VentiAddress(String host, int port) {
    /** Venti's conventional TCP port. */
    public static final int DEFAULT_PORT = 17034;

    /** The address {@code ventifs venti serve} listens on unless told otherwise. */
    public static final VentiAddress DEFAULT_LISTEN = new VentiAddress("127.0.0.1", DEFAULT_PORT);

    public VentiAddress {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a Venti address needs a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 0..65535, not " + port);
        }
    }

    /**
     * Parses {@code tcp!host!port}, {@code tcp!host}, {@code host:port} or {@code host};
     * the port may be a number or "venti".
     *
     * @throws IllegalArgumentException naming the text when it is not such an address
     */
    public static VentiAddress parse(String text) {
        try {
            if (text.contains("!")) {
                String[] parts = text.split("!", -1);
                if (parts.length < 2 || parts.length > 3 || !(parts[0].equals("tcp") || parts[0].equals("net"))) {
                    throw new IllegalArgumentException("want tcp!host!port");
                }
                return new VentiAddress(parts[1].equals("*") ? "0.0.0.0" : parts[1],
                        parts.length == 3 ? port(parts[2]) : DEFAULT_PORT);
            }
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                    throw new IllegalArgumentException("want [v6-host]:port");
                }
                return new VentiAddress(text.substring(1, close),
                        close + 1 < text.length() ? port(text.substring(close + 2)) : DEFAULT_PORT);
            }
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new IllegalArgumentException("put an IPv6 host in brackets");
            }
            return colon < 0 ? new VentiAddress(text, DEFAULT_PORT)
                    : new VentiAddress(text.substring(0, colon), port(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Venti address (" + e.getMessage()
                    + "; write tcp!host!port or host:port): " + text, e);
        }
    }

    /** The unresolved socket address to connect to or bind. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** The address in Plan 9's form, {@code tcp!host!port}. */
    @Override
    public String toString() {
        return "tcp!" + host + "!" + port;
    }

    private static int port(String p) {
        if (p.equals("venti")) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number: " + p);
        }
    }
}
