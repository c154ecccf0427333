package dev.landfall.core.spi;

import java.io.IOException;
import java.util.List;

/**
 * An optional ability of sources that hold more than a read takes: a Cloudflare account read for
 * its KV namespaces still holds Durable Object namespaces. Export and migrate ask once and put the
 * answer in every report.
 */
public interface LeavingScopesBehind {
    /**
     * What this read leaves behind, in the source's order. May cost a request; a source that cannot
     * tell (a token without the permission to list) says so in one entry rather than failing.
     */
    List<LeftBehind> leftBehind() throws IOException;
}
