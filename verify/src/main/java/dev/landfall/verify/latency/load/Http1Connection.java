package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.parity.Answer;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
 *
 * <p>The answer is parsed on the bytes of a buffer the connection keeps, and the request written
 * from another in one write: an exchange allocates only the {@link Answer} it returns (its kept
 * body and digest), so the generator's garbage, and the collector's pauses that would land in the
 * measured tail, stay small at thousands of requests a second.
 */
final class Http1Connection implements Closeable {
    private final EndpointAddress address;
    private final int timeoutMillis;
    /** Request bodies up to this go out in the same write as the head. */
    private static final int INLINE_BODY = 16 * 1024;

    private static final int MAX_LINE = 64 * 1024;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private final byte[] rbuf = new byte[16 * 1024];
    private int rpos;
    private int rlim;
    private byte[] lbuf = new byte[256];
    private byte[] wbuf = new byte[1024];
    private int wlen;
    private final BodySink body = new BodySink();
    // The framing of the answer being read (readHeaders).
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private String contentType;
    private byte[] lastContentTypeBytes = new byte[0];
    private String lastContentType = "";

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
        writeRequest(request);
        reused = true;
        int status;
        do {
            status = parseStatus(readLine(true));
            readHeaders();
        } while (status >= 100 && status < 200 && status != 101);
        Answer answer = readBody(request.method(), status);
        if (close) {
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
        in = s.getInputStream();
        out = s.getOutputStream();
        rpos = 0;
        rlim = 0;
        reused = false;
    }

    /** The request in one write (one segment on the wire when it fits), built in a reused buffer. */
    private void writeRequest(CorpusRequest r) throws IOException {
        wlen = 0;
        ascii(r.method());
        ascii(" ");
        ascii(address.basePath());
        ascii(r.path());
        ascii(" HTTP/1.1\r\nHost: ");
        ascii(address.hostHeader());
        ascii("\r\n");
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
            ascii(name);
            ascii(": ");
            ascii(header.value());
            ascii("\r\n");
        }
        if (!agent) {
            ascii("User-Agent: landfall-verify\r\n");
        }
        byte[] body = r.body();
        if (body.length > 0
                || r.method().equals("POST")
                || r.method().equals("PUT")
                || r.method().equals("PATCH")) {
            ascii("Content-Length: ");
            ascii(Integer.toString(body.length));
            ascii("\r\n");
        }
        ascii("\r\n");
        if (body.length <= INLINE_BODY) {
            bytes(body, body.length);
            out.write(wbuf, 0, wlen);
        } else {
            out.write(wbuf, 0, wlen);
            out.write(body);
        }
        out.flush();
    }

    /** Appends a string: byte per char when it is ASCII (nearly always), else its UTF-8. */
    private void ascii(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                bytes(utf8, utf8.length);
                return;
            }
            wbuf[wlen + i] = (byte) ch;
        }
        wlen += n;
    }

    private void bytes(byte[] b, int n) {
        room(n);
        System.arraycopy(b, 0, wbuf, wlen, n);
        wlen += n;
    }

    private void room(int n) {
        if (wlen + n > wbuf.length) {
            wbuf = Arrays.copyOf(wbuf, Math.max(wbuf.length * 2, wlen + n));
        }
    }

    private int parseStatus(int len) throws IOException {
        // HTTP/1.1 200 OK
        if (len < 12 || !startsWith(lbuf, "HTTP/1.") || lbuf[8] != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + snippet(len));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int d = lbuf[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad status in: " + snippet(len));
            }
            status = status * 10 + d;
        }
        return status;
    }

    /**
     * Reads the headers framing needs, and Content-Type, into the fields below; on the bytes, so
     * that an answer costs no String but a new Content-Type.
     */
    private void readHeaders() throws IOException {
        contentLength = -1;
        chunked = false;
        close = false;
        contentType = "";
        for (int n = 0; ; n++) {
            int len = readLine(false);
            if (len == 0) {
                return;
            }
            if (n > 200) {
                throw new IOException("more than 200 response headers");
            }
            int colon = indexOf(lbuf, 0, len, (byte) ':');
            if (colon <= 0) {
                continue;
            }
            int nameEnd = trimEnd(lbuf, 0, colon);
            int from = trimStart(lbuf, colon + 1, len);
            int to = trimEnd(lbuf, from, len);
            if (nameIs(nameEnd, "content-length")) {
                contentLength = digits(from, to);
            } else if (nameIs(nameEnd, "transfer-encoding")) {
                chunked = contains(lbuf, from, to, "chunked");
            } else if (nameIs(nameEnd, "connection")) {
                close = contains(lbuf, from, to, "close");
            } else if (nameIs(nameEnd, "content-type")) {
                contentType = contentType(from, to);
            }
        }
    }

    private Answer readBody(String method, int status) throws IOException {
        body.reset();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return body.answer(status, contentType);
        }
        if (chunked) {
            while (true) {
                int len = readLine(false);
                int semi = indexOf(lbuf, 0, len, (byte) ';');
                long n = chunkSize(semi < 0 ? len : semi, len);
                if (n == 0) {
                    while (readLine(false) != 0) {
                        // trailers: ignored
                    }
                    break;
                }
                copy(n);
                readLine(false);
            }
        } else if (contentLength >= 0) {
            copy(contentLength);
        } else {
            while (rpos < rlim || fill()) {
                body.write(rbuf, rpos, rlim - rpos);
                rpos = rlim;
            }
            close = true;
        }
        return body.answer(status, contentType);
    }

    private void copy(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (rpos == rlim && !fill()) {
                throw new EOFException("the answer ended " + left + " bytes short of its length");
            }
            int n = (int) Math.min(rlim - rpos, left);
            body.write(rbuf, rpos, n);
            rpos += n;
            left -= n;
        }
    }

    /** Refills the read buffer once it is used up; false at the end of the connection. */
    private boolean fill() throws IOException {
        int n = in.read(rbuf, 0, rbuf.length);
        rpos = 0;
        rlim = Math.max(0, n);
        return n > 0;
    }

    /**
     * A CRLF-terminated line, without it, into {@link #lbuf}; returns its length. The status line
     * may meet a closed connection first.
     */
    private int readLine(boolean first) throws IOException {
        int len = 0;
        while (true) {
            if (rpos == rlim && !fill()) {
                if (first && len == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("the connection closed in the middle of the answer");
            }
            int end = indexOf(rbuf, rpos, rlim, (byte) '\n');
            int stop = end < 0 ? rlim : end;
            int n = stop - rpos;
            if (len + n > MAX_LINE) {
                throw new IOException("a response line longer than 64 KiB");
            }
            if (len + n > lbuf.length) {
                lbuf = Arrays.copyOf(lbuf, Math.max(lbuf.length * 2, len + n));
            }
            System.arraycopy(rbuf, rpos, lbuf, len, n);
            len += n;
            if (end >= 0) {
                rpos = end + 1;
                return len > 0 && lbuf[len - 1] == '\r' ? len - 1 : len;
            }
            rpos = rlim;
        }
    }

    private boolean nameIs(int nameEnd, String lowerName) {
        if (nameEnd != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (lower(lbuf[i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long digits(int from, int to) throws IOException {
        if (from == to || to - from > 18) {
            throw new IOException("bad Content-Length: " + text(from, to));
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = lbuf[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad Content-Length: " + text(from, to));
            }
            v = v * 10 + d;
        }
        return v;
    }

    private long chunkSize(int end, int len) throws IOException {
        int from = trimStart(lbuf, 0, end);
        int to = trimEnd(lbuf, from, end);
        if (from == to || to - from > 15) {
            throw new IOException("bad chunk size: " + snippet(len));
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(lbuf[i], 16);
            if (d < 0) {
                throw new IOException("bad chunk size: " + snippet(len));
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The Content-Type as text; the last one is kept, as an endpoint nearly always repeats it. */
    private String contentType(int from, int to) {
        int n = to - from;
        if (n != lastContentTypeBytes.length || !Arrays.equals(lbuf, from, to, lastContentTypeBytes, 0, n)) {
            lastContentTypeBytes = Arrays.copyOfRange(lbuf, from, to);
            lastContentType = new String(lastContentTypeBytes, StandardCharsets.ISO_8859_1);
        }
        return lastContentType;
    }

    private String text(int from, int to) {
        String t = new String(lbuf, from, to - from, StandardCharsets.ISO_8859_1);
        return t.length() <= 80 ? t : t.substring(0, 80) + "…";
    }

    private String snippet(int len) {
        return text(0, len);
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int trimStart(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} holds the lower-case ASCII {@code word}, in any case. */
    private static boolean contains(byte[] b, int from, int to, String word) {
        int n = word.length();
        outer:
        for (int i = from; i + n <= to; i++) {
            for (int j = 0; j < n; j++) {
                if (lower(b[i + j]) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
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

    /**
     * Keeps the first bytes of a body and hashes all of it; one per connection, reset for each
     * answer, so an answer costs only the bytes it keeps and its digest.
     */
    private static final class BodySink {
        private final MessageDigest sha = sha256();
        private byte[] kept = new byte[1024];
        private int keptLength;
        private boolean complete;

        void reset() {
            sha.reset();
            keptLength = 0;
            complete = true;
        }

        void write(byte[] b, int off, int n) {
            sha.update(b, off, n);
            int room = HttpEndpoint.BODY_CAP - keptLength;
            int keep = Math.min(room, n);
            if (keep > 0) {
                if (keptLength + keep > kept.length) {
                    kept = Arrays.copyOf(
                            kept, Math.min(HttpEndpoint.BODY_CAP, Math.max(kept.length * 2, keptLength + keep)));
                }
                System.arraycopy(b, off, kept, keptLength, keep);
                keptLength += keep;
            }
            if (n > room) {
                complete = false;
            }
        }

        Answer answer(int status, String contentType) {
            return new Answer(status, contentType, Arrays.copyOf(kept, keptLength), complete, sha.digest());
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
