package dev.landfall.serve.workerd;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Sends the requests of workerd's KV binding to {@link WorkerdKvHandler}, whatever their path,
 * and every other request on down the chain. workerd puts the bare key in the path ({@code
 * /statusz} is a key like any other), so no path prefix can separate its requests from serve's
 * own routes; the {@value WorkerdKvHandler#NAMESPACE_HEADER} header its external service injects
 * does. Add it to every context of the server.
 */
public final class WorkerdBindingFilter extends Filter {
    private final WorkerdKvHandler handler;

    public WorkerdBindingFilter(WorkerdKvHandler handler) {
        this.handler = handler;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (exchange.getRequestHeaders().containsKey(WorkerdKvHandler.NAMESPACE_HEADER)) {
            handler.handle(exchange);
        } else {
            chain.doFilter(exchange);
        }
    }

    @Override
    public String description() {
        return "workerd KV binding requests (" + WorkerdKvHandler.NAMESPACE_HEADER + ") to WorkerdKvHandler";
    }
}
