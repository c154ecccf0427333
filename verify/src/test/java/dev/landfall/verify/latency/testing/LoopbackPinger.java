package dev.landfall.verify.latency.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * The least a client can add to a server's hold: one thread on one blocking socket sending {@code
 * GET /ping} (answered at once) every few milliseconds and timing write-to-answer. Run during a
 * dual run, its median is the loopback round trip and the two kernel wake-ups at that moment's
 * machine load, which any client pays on top of what the server records. It also meters the
 * JVM's and the machine's own hiccups, as jHiccup does: how much later than asked each of its
 * sleeps ended (with HdrHistogram's coordinated-omission correction, so a 100 ms stall counts as
 * every 5 ms tick it swallowed). That is the lateness any thread of this JVM suffered, whatever
 * its design.
 */
public final class LoopbackPinger implements AutoCloseable {
    static final String PATH = "/ping";
    private static final long EVERY_MILLIS = 5;
    private static final byte[] REQUEST =
            ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final Thread thread;
    private final Histogram micros = new Histogram(1, 60_000_000L, 3);
    private final Histogram hiccupMicros = new Histogram(1, 60_000_000L, 3);
    private volatile boolean stop;

    public LoopbackPinger(URI server) throws IOException {
        socket = new Socket(server.getHost(), server.getPort());
        socket.setTcpNoDelay(true);
        thread = new Thread(this::loop, "loopback-pinger");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[4096];
            while (!stop) {
                long began = System.nanoTime();
                out.write(REQUEST);
                out.flush();
                if (!readAnswer(in, buf)) {
                    return;
                }
                long took = System.nanoTime() - began;
                synchronized (micros) {
                    micros.recordValue(Math.max(1, (took + 500) / 1000));
                }
                long wake = System.nanoTime() + EVERY_MILLIS * 1_000_000L;
                Thread.sleep(EVERY_MILLIS);
                long hiccup = Math.max(0, (System.nanoTime() - wake + 500) / 1000);
                synchronized (micros) {
                    hiccupMicros.recordValueWithExpectedInterval(hiccup, EVERY_MILLIS * 1000);
                }
            }
        } catch (IOException e) {
            // Closed: the run is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one answer of HoldRecordingServer's fixed shape: head, then a Content-Length body. */
    private static boolean readAnswer(InputStream in, byte[] buf) throws IOException {
        int have = 0;
        while (true) {
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                return false;
            }
            have += n;
            String text = new String(buf, 0, have, StandardCharsets.US_ASCII);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int at = text.indexOf("Content-Length: ");
                int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
                if (have >= end + 4 + length) {
                    return true;
                }
            }
        }
    }

    /** The median round trip so far, in milliseconds. */
    public double medianMs() {
        return percentileMs(50);
    }

    /** A percentile of the round trips so far, in milliseconds: its tail is the machine's own jitter. */
    public double percentileMs(double p) {
        synchronized (micros) {
            return micros.getValueAtPercentile(p) / 1000.0;
        }
    }

    /** A percentile of the hiccups so far (how late a sleep ended), in milliseconds. */
    public double hiccupMs(double p) {
        synchronized (micros) {
            return hiccupMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop = true;
        socket.close();
        thread.join();
    }
}
