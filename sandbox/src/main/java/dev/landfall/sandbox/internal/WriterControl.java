package dev.landfall.sandbox.internal;

import dev.landfall.sandbox.CaptureWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /__sandbox/writer}: the built-in writer's state ({@code GET}), and {@code POST
 * /__sandbox/writer/pause} and {@code /resume}, so an operator rehearsing by hand can stop the
 * application's writes and catch up, as {@code migrate --final} does at the edge. Local only, like
 * the stats; no token. It takes the paths that start with {@link #PATH} and no others.
 */
public final class WriterControl extends Handler.Abstract {
    /** Where it lives. */
    public static final String PATH = "/__sandbox/writer";

    private final CaptureWriter writer;

    public WriterControl(CaptureWriter writer) {
        super(InvocationType.BLOCKING);
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getPath();
        if (!path.startsWith(PATH)) {
            return false;
        }
        Request.asInputStream(request).readAllBytes();
        String method = request.getMethod();
        int status = 200;
        if (method.equals("POST") && path.equals(PATH + "/pause")) {
            writer.pause();
        } else if (method.equals("POST") && path.equals(PATH + "/resume")) {
            writer.resume();
        } else if (!(method.equals("GET") && path.equals(PATH))) {
            status = 404;
        }
        byte[] body = (status == 404
                        ? "{\"error\":\"not found: GET " + PATH + ", POST " + PATH + "/pause or /resume\"}"
                        : "{\"perSecond\":" + writer.perSecond() + ",\"writes\":" + writer.writes() + ",\"paused\":"
                                + writer.paused() + "}")
                .getBytes(StandardCharsets.UTF_8);
        ApiResponse.json(status, body).send(response, callback);
        return true;
    }
}
