package org.ventifs.venti.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A misbehaving Venti server for client tests: it does the handshake offering
 * {@code versions}, answers Thello, then answers each request with whatever the
 * script returns (null: no answer at all; {@link #HANG_UP}: close the connection).
 * The script sees the request and how many connections were accepted so far.
 */
final class ScriptedServer implements AutoCloseable {
    static final VentiMessage HANG_UP = new VentiMessage.Tgoodbye(0);

    private final ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final AtomicInteger accepted = new AtomicInteger();
    private final String versions;
    private final BiFunction<VentiMessage, Integer, VentiMessage> script;

    ScriptedServer(String versions, BiFunction<VentiMessage, Integer, VentiMessage> script) throws IOException {
        this.versions = versions;
        this.script = script;
        Thread t = new Thread(this::acceptLoop, "scripted-venti");
        t.setDaemon(true);
        t.start();
    }

    VentiAddress address() {
        return new VentiAddress("127.0.0.1", listener.getLocalPort());
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                int n = accepted.incrementAndGet();
                Thread t = new Thread(() -> serve(s, n));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("venti-" + versions + "-scripted\n").getBytes(StandardCharsets.US_ASCII));
            List<String> speaks = List.of(versions.split(":"));
            String chosen = Handshake.read(in).versions().stream().filter(speaks::contains).findFirst().orElseThrow();
            Framing framing = Framing.ofVersion(chosen).orElseThrow();
            framing.read(in);
            framing.write(out, new VentiMessage.Rhello(0, "scripted", 0, 0).encode());
            while (true) {
                byte[] body = framing.read(in);
                if (body == null) {
                    return;
                }
                VentiMessage reply = script.apply(VentiMessage.decode(body), connection);
                if (reply == HANG_UP) {
                    return;
                }
                if (reply != null) {
                    framing.write(out, reply.encode());
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
