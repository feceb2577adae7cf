package dev.flowsweep.examples.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small router: routes are a method plus a pattern such as {@code /flow_runs/{id}}. A path matches with or
 * without a trailing slash. An unknown path answers 404, a known path with another method 405 with {@code Allow}.
 * Every answer, including errors, goes through {@link ErrorMapper}. The HTTP layer ({@link HttpAdapter}) asks
 * {@link #resolve} where a request goes as soon as its head has arrived, reads its body only when it goes to a route,
 * then has {@link #handle} run the route.
 * <p>
 * With {@link BasicAuth}, every request needs the credentials except one that matches a route registered with
 * {@link #getWithoutAuth} by path and method; the check comes before the 404 and the 405, so that a client without
 * credentials learns nothing about the routes.
 */
final class Router {
    record Route(String method, String[] segments, Handler handler, boolean open) {
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

    /**
     * Where a request goes: a route and its path parameters, or an answer given at once without reading the body
     * ({@code refusal}: 401 without the credentials, 404, 405).
     */
    record Target(Route route, Map<String, String> params, Response refusal) {
        /** Whether it goes to a route open without credentials ({@code GET /health}). */
        boolean open() {
            return route != null && route.open();
        }
    }

    /** Resolves a request by its head: {@code authorization} holds its {@code Authorization} values (null: none). */
    Target resolve(String method, String path, List<String> authorization) {
        try {
            if (!authorized(method, path, authorization)) {
                return new Target(null, Map.of(), BasicAuth.challenge());
            }
            Match match = match(method, path);
            return new Target(match.route(), match.params(), null);
        } catch (RuntimeException e) {
            return new Target(null, Map.of(), errors.toResponse(e, null));
        }
    }

    /** Runs the target's route on this request; any error becomes its answer. */
    Response handle(Target target, Request request) {
        if (target.refusal() != null) {
            return target.refusal();
        }
        try {
            return target.route().handler().handle(request);
        } catch (RuntimeException | Error e) {
            return errors.toResponse(e, request);
        }
    }

    /** The answer to what went wrong outside a route (e.g. a body too large, a read that timed out). */
    Response error(Throwable e) {
        return errors.toResponse(e, null);
    }

    ServerJson json() {
        return json;
    }

    private record Match(Route route, Map<String, String> params) {
    }

    /** Without auth, always; with it, when the request matches an open route or carries the credentials. */
    private boolean authorized(String method, String path, List<String> authorization) {
        if (auth == null) {
            return true;
        }
        try {
            if (match(method, path).route().open()) {
                return true;
            }
        } catch (ApiException unknownRouteOrMethod) {
            // needs the credentials like any other request; the 404 or 405 comes after them
        }
        return auth.accepts(authorization);
    }

    /**
     * The route for this method and path; 404 for an unknown path, 405 with {@code Allow} for another method.
     * Literal segments win over parameters: {@code /flow_runs/filter} is never {@code /flow_runs/{id}}.
     */
    private Match match(String method, String rawPath) {
        String[] path = split(rawPath);
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
}
