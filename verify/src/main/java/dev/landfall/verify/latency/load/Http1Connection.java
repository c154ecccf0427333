package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.parity.Answer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to an endpoint, used by one sender thread: write a request,
 * read the whole answer, repeat. Plain blocking socket I/O with no pool, no locks and no handoff
 * to other threads, as load generators such as wrk do: the shared pools of general-purpose clients
 * (OkHttp, the JDK's) serialize a few thousand requests per second on their locks. Bodies are
 * read by Content-Length, chunked transfer coding, or to the end of the connection; the first
 * {@link HttpEndpoint#BODY_CAP} bytes are kept and all are hashed. No redirects and no retries,
 * except one resend on a fresh connection when a reused one turns out to have been closed by the
 * server before it answered a single byte (an idle keep-alive connection timing out).
 */
final class Http1Connection implements Closeable {
    private final EndpointAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private BufferedInputStream in;
    private OutputStream out;
    private boolean reused;
    private final byte[] buf = new byte[8192];
    private final StringBuilder line = new StringBuilder(128);

    Http1Connection(EndpointAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one request and reads the whole answer; a failure closes the connection. */
    Answer exchange(CorpusRequest request) throws IOException {
        boolean wasReused = socket != null && reused;
        try {
            return attempt(request);
        } catch (StaleConnection stale) {
            close();
            if (!wasReused) {
                throw new EOFException("the server closed the connection without answering");
            }
            try {
                return attempt(request);
            } catch (StaleConnection again) {
                close();
                throw new EOFException("the server closed the connection without answering");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer attempt(CorpusRequest request) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(head(request));
        if (request.body().length > 0) {
            out.write(request.body());
        }
        out.flush();
        reused = true;
        int status;
        Headers h;
        do {
            String statusLine = readLine(true);
            status = parseStatus(statusLine);
            h = readHeaders();
        } while (status >= 100 && status < 200 && status != 101);
        Answer answer = readBody(request.method(), status, h);
        if (h.close) {
            close();
        }
        return answer;
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            if (address.tls()) {
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(s, address.host(), address.port(), true);
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(p);
                tls.startHandshake();
                s = tls;
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 8 * 1024);
        reused = false;
    }

    private byte[] head(CorpusRequest r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.method())
                .append(' ')
                .append(address.basePath())
                .append(r.path())
                .append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(address.hostHeader()).append("\r\n");
        boolean agent = false;
        for (CorpusRequest.Header header : r.headers()) {
            String name = header.name();
            if (name.equalsIgnoreCase("host")
                    || name.equalsIgnoreCase("content-length")
                    || name.equalsIgnoreCase("connection")
                    || name.equalsIgnoreCase("transfer-encoding")) {
                continue; // the connection's framing is ours to set
            }
            agent |= name.equalsIgnoreCase("user-agent");
            sb.append(name).append(": ").append(header.value()).append("\r\n");
        }
        if (!agent) {
            sb.append("User-Agent: landfall-verify\r\n");
        }
        if (r.body().length > 0
                || r.method().equals("POST")
                || r.method().equals("PUT")
                || r.method().equals("PATCH")) {
            sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int parseStatus(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + snippet(statusLine));
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status in: " + snippet(statusLine));
        }
    }

    /** The headers framing needs, and Content-Type. */
    private static final class Headers {
        long contentLength = -1;
        boolean chunked;
        boolean close;
        String contentType = "";
    }

    private Headers readHeaders() throws IOException {
        Headers h = new Headers();
        for (int n = 0; ; n++) {
            String l = readLine(false);
            if (l.isEmpty()) {
                return h;
            }
            if (n > 200) {
                throw new IOException("more than 200 response headers");
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        h.contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length: " + snippet(value));
                    }
                }
                case "transfer-encoding" ->
                    h.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> h.close = value.toLowerCase(Locale.ROOT).contains("close");
                case "content-type" -> h.contentType = value;
                default -> {}
            }
        }
    }

    private Answer readBody(String method, int status, Headers h) throws IOException {
        BodySink body = new BodySink();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return body.answer(status, h.contentType);
        }
        if (h.chunked) {
            while (true) {
                String size = readLine(false);
                int semi = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + snippet(size));
                }
                if (n == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailers: ignored
                    }
                    break;
                }
                copy(body, n);
                readLine(false);
            }
        } else if (h.contentLength >= 0) {
            copy(body, h.contentLength);
        } else {
            int n;
            while ((n = in.read(buf)) > 0) {
                body.write(buf, n);
            }
            h.close = true;
        }
        return body.answer(status, h.contentType);
    }

    private void copy(BodySink body, long length) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("the answer ended " + left + " bytes short of its length");
            }
            body.write(buf, n);
            left -= n;
        }
    }

    /** A CRLF-terminated line in ISO-8859-1; the status line may meet a closed connection first. */
    private String readLine(boolean first) throws IOException {
        line.setLength(0);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (first && line.length() == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("the connection closed in the middle of the answer");
            }
            if (c == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            if (line.length() > 64 * 1024) {
                throw new IOException("a response line longer than 64 KiB");
            }
            line.append((char) c);
        }
    }

    private static String snippet(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing more to do
            }
            socket = null;
        }
    }

    /** Nothing at all came back on a connection: it was closed while idle. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("stale connection", null);
        }
    }

    /** Keeps the first bytes of a body and hashes all of it. */
    private static final class BodySink {
        private final MessageDigest sha = sha256();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream(256);
        private boolean complete = true;

        void write(byte[] b, int n) {
            sha.update(b, 0, n);
            int room = HttpEndpoint.BODY_CAP - kept.size();
            if (room > 0) {
                kept.write(b, 0, Math.min(room, n));
            }
            if (n > room) {
                complete = false;
            }
        }

        Answer answer(int status, String contentType) {
            return new Answer(status, contentType, kept.toByteArray(), complete, sha.digest());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }
}
