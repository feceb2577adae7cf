package dev.flowsweep.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small router: routes are a method plus a pattern such as {@code /flow_runs/{id}}. A path matches with or
 * without a trailing slash. An unknown path answers 404, a known path with another method 405 with {@code Allow}.
 * Every answer, including errors, goes through {@link ErrorMapper}.
 * <p>
 * With {@link BasicAuth}, every request needs the credentials except one that matches a route registered with
 * {@link #getWithoutAuth} by path and method; the check comes before the 404 and the 405, so that a client without
 * credentials learns nothing about the routes.
 */
final class Router implements HttpHandler {
    private record Route(String method, String[] segments, Handler handler, boolean open) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final ServerJson json;
    private final ErrorMapper errors;
    private final BasicAuth auth;

    /** A router; {@code auth} null leaves every route open. */
    Router(ServerJson json, ErrorMapper errors, BasicAuth auth) {
        this.json = json;
        this.errors = errors;
        this.auth = auth;
    }

    Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler, false);
    }

    /** A GET route that needs no credentials even when the server has them ({@code /health}, for probes). */
    Router getWithoutAuth(String pattern, Handler handler) {
        return add("GET", pattern, handler, true);
    }

    Router post(String pattern, Handler handler) {
        return add("POST", pattern, handler, false);
    }

    Router delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler, false);
    }

    private Router add(String method, String pattern, Handler handler, boolean open) {
        routes.add(new Route(method, split(pattern), handler, open));
        return this;
    }

    /** The routes as {@code "METHOD /pattern"}, in registration order; open ones end with {@code " (open)"}. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Route r : routes) {
            out.add(r.method() + " /" + String.join("/", r.segments()) + (r.open() ? " (open)" : ""));
        }
        return out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = null;
            Response response;
            try {
                if (RequestPool.isSaturated()) {
                    response = Response.json(503, Map.of("detail", "Server is busy, try again"))
                            .withHeader("Retry-After", "1");
                } else if (!authorized(exchange)) {
                    response = BasicAuth.challenge();
                } else {
                    Match match = match(exchange);
                    request = new Request(exchange, json, match.params());
                    response = match.route().handler().handle(request);
                }
            } catch (RuntimeException | Error e) {
                response = errors.toResponse(e, request);
            }
            send(exchange, response);
        }
    }

    private record Match(Route route, Map<String, String> params) {
    }

    /** Without auth, always; with it, when the request matches an open route or carries the credentials. */
    private boolean authorized(HttpExchange exchange) {
        if (auth == null) {
            return true;
        }
        try {
            if (match(exchange).route().open()) {
                return true;
            }
        } catch (ApiException unknownRouteOrMethod) {
            // needs the credentials like any other request; the 404 or 405 comes after them
        }
        return auth.accepts(exchange.getRequestHeaders().get("Authorization"));
    }

    /**
     * The route for this method and path; 404 for an unknown path, 405 with {@code Allow} for another method.
     * Literal segments win over parameters: {@code /flow_runs/filter} is never {@code /flow_runs/{id}}.
     */
    private Match match(HttpExchange exchange) {
        String[] path = split(exchange.getRequestURI().getPath());
        String method = exchange.getRequestMethod();
        int best = -1;
        List<Match> candidates = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments(), path);
            if (params == null) {
                continue;
            }
            int literals = route.segments().length - params.size();
            if (literals > best) {
                best = literals;
                candidates.clear();
            }
            if (literals == best) {
                candidates.add(new Match(route, params));
            }
        }
        if (candidates.isEmpty()) {
            throw ApiException.notFound("Not Found");
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Match m : candidates) {
            if (m.route().method().equals(method)) {
                return m;
            }
            allowed.add(m.route().method());
        }
        throw ApiException.detail(405, "Method Not Allowed").withHeader("Allow", String.join(", ", allowed));
    }

    /** The path parameters when {@code path} matches {@code pattern}, else null. */
    private static Map<String, String> bind(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** {@code /flow_runs/x/} → {@code [flow_runs, x]}: one trailing slash is ignored. */
    private static String[] split(String path) {
        String p = path == null ? "" : path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        // The request body may be left unread (an error came first); the JDK server drains or drops it on close.
        if (!response.hasBody() || exchange.getRequestMethod().equals("HEAD")) { // a HEAD answer has no body
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.write(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
