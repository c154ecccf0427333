package dev.landfall.verify.latency.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The truth for the truth test: an HTTP/1.1 server on 127.0.0.1 whose latency distribution is
 * known and which records, per request, how long it held it. {@code GET /item/N} is held for a
 * delay drawn from a seeded distribution by {@code N} alone (so a rerun draws the same tail for
 * the same requests): uniform in [{@code baseMicros} ± a quarter] with probability {@code 1 -
 * tailShare}, else uniform in [{@code tailFromMicros}, {@code tailToMicros}]. The hold is timed
 * from the moment the whole request was read to the moment the whole answer was written, on the
 * connection's own thread (one thread per connection, no executor hand-off that the record would
 * miss), so a loaded machine's oversleep is in the record, not in the client's error. {@code GET
 * /ping} is answered at once and not recorded (see {@link LoopbackPinger}).
 */
public final class HoldRecordingServer implements AutoCloseable {
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + BODY.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final long seed;
    private final long baseMicros;
    private final double tailShare;
    private final long tailFromMicros;
    private final long tailToMicros;
    private final ServerSocket socket;
    private final Map<Long, Long> holdNanos = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public HoldRecordingServer(long seed, long baseMicros, double tailShare, long tailFromMicros, long tailToMicros)
            throws IOException {
        this.seed = seed;
        this.baseMicros = baseMicros;
        this.tailShare = tailShare;
        this.tailFromMicros = tailFromMicros;
        this.tailToMicros = tailToMicros;
        this.socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        start(this::accept, "hold-server-accept");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** How long the server held {@code /item/n}, from request read to answer written; empty if never asked. */
    public OptionalLong holdNanos(long n) {
        Long v = holdNanos.get(n);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The delay drawn for {@code /item/n}, in microseconds. */
    long delayMicros(long n) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        if (r.nextDouble() < tailShare) {
            return r.nextLong(tailFromMicros, tailToMicros + 1);
        }
        long spread = baseMicros / 4;
        return r.nextLong(baseMicros - spread, baseMicros + spread + 1);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                start(() -> serve(s), "hold-server-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String target = readRequest(in);
                if (target == null) {
                    return;
                }
                long began = System.nanoTime();
                if (target.equals(LoopbackPinger.PATH)) {
                    out.write(HEAD);
                    out.write(BODY);
                    out.flush();
                    continue;
                }
                long n = Long.parseLong(target.substring(target.lastIndexOf('/') + 1));
                // parkNanos, not Thread.sleep: Java 17 rounds a sleep to whole milliseconds.
                long until = began + delayMicros(n) * 1000;
                for (long left; (left = until - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
                out.write(HEAD);
                out.write(BODY);
                out.flush();
                holdNanos.put(n, System.nanoTime() - began);
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (or sent what this server does not speak): end the connection.
        }
    }

    /** Reads one request head (and any body); its target, or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                lines.add(l);
            } else {
                line.append((char) b);
            }
        }
        long length = 0;
        for (String l : lines) {
            if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(l.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return lines.get(0).split(" ")[1];
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
