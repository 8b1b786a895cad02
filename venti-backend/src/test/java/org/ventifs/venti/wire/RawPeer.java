package org.ventifs.venti.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A test client that speaks raw bytes to a server, to send what no good client would. */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    Framing framing = Framing.V04;

    RawPeer(VentiAddress address) throws IOException {
        socket = new Socket(address.host(), address.port());
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects, exchanges version lines offering {@code version}, and sends Thello; expects Rhello. */
    static RawPeer session(VentiAddress address, Framing version) throws IOException {
        RawPeer p = new RawPeer(address);
        p.line("venti-" + version.version() + "-rawpeer");
        String theirs = p.readLine();
        if (!theirs.equals("venti-04:02-ventifs")) {
            throw new IOException("unexpected server line " + theirs);
        }
        p.framing = version;
        p.send(VentiMessage.Thello.plain(version.version(), "anonymous"));
        VentiMessage hello = p.receive();
        if (!(hello instanceof VentiMessage.Rhello)) {
            throw new IOException("expected Rhello, got " + hello);
        }
        return p;
    }

    void line(String s) throws IOException {
        out.write((s + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("EOF in line");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    void send(VentiMessage m) throws IOException {
        sendBody(m.encode());
    }

    void sendBody(byte[] body) throws IOException {
        framing.write(out, body);
        out.flush();
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    VentiMessage receive() throws IOException {
        byte[] body = framing.read(in);
        if (body == null) {
            throw new IOException("the server closed the connection");
        }
        return VentiMessage.decode(body);
    }

    /** Whether the server closes the connection (reads EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
