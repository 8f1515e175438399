package org.vogstream.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.records.Json;

/**
 * The HTTP API of the recent-examples stores, JSON in every answer:
 * <ul>
 * <li>{@code GET /models/{model}/classes/{class}/hardest?limit=K} and {@code GET /models/{model}/hardest?limit=K}:
 *     the events of the window with the highest {@code ood_score}, highest first;
 * <li>{@code GET /alerts/recent?limit=K[&model=M][&class=C]}: the newest alerts;
 * <li>{@code GET /models}: the model sets in force and their statistics ({@link ModelsView});
 * <li>the same under {@code /local/...} with {@code at=EPOCH_MS}: this instance's stores only, for
 *     the moment another instance asks about.
 * </ul>
 * 404 for an unknown path, model or class; 400 for a bad or unknown parameter; 503 while the
 * stores are not ready or an instance does not answer.
 */
public final class QueryApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1000;
    static final String PATHS = "use / (the auditor's page), /metrics, /health, /models, /models/{model}/hardest,"
            + " /models/{model}/classes/{class}/hardest, /alerts/recent or /alerts/{event_id}/input.png|heatmap.png";

    private final Function<String, OptionalInt> classes;
    private final Entries everywhere;
    private final Entries here;
    private final LongSupplier clock;
    private final Supplier<? extends JsonNode> models;

    /**
     * @param classes a model's number of classes; empty for a model not configured
     * @param everywhere the whole application's entries
     * @param here this instance's
     * @param clock the end of the window of a question, epoch milliseconds
     * @param models the body of {@code GET /models}
     */
    public QueryApi(Function<String, OptionalInt> classes, Entries everywhere, Entries here, LongSupplier clock,
            Supplier<? extends JsonNode> models) {
        this.classes = classes;
        this.everywhere = everywhere;
        this.here = here;
        this.clock = clock;
        this.models = models;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        Object body;
        try {
            body = answer(exchange.getRequestMethod(), exchange.getRequestURI());
        } catch (ApiException e) {
            status = e.status();
            body = error(status, e.getMessage());
        } catch (RuntimeException e) {
            // a store closed under a rebalance, say: the client may ask again
            LOG.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            status = 503;
            body = error(status, "not answerable now: " + e.getMessage());
        }
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static ObjectNode error(int status, String message) {
        ObjectNode n = Json.object();
        n.put("error", message);
        n.put("status", status);
        return n;
    }

    private Object answer(String method, URI uri) {
        String[] path = uri.getPath().replaceAll("/+$", "").split("/", -1);
        boolean local = path.length > 1 && path[1].equals("local");
        List<String> p = List.of(path).subList(local ? 2 : 1, path.length);
        if (!method.equals("GET")) {
            throw new ApiException(405, method + " " + uri.getPath() + ": only GET is answered");
        }
        Map<String, String> params = params(uri.getRawQuery());
        Entries entries = local ? here : everywhere;
        if (p.size() == 1 && p.get(0).equals("models") && !local) {
            new Request(params, false, Set.of());
            return models.get();
        }
        if (p.size() == 5 && p.get(0).equals("models") && p.get(2).equals("classes") && p.get(4).equals("hardest")) {
            Request r = new Request(params, local, Set.of("limit"));
            String model = p.get(1);
            int cls = knownClass(model, p.get(3), "the path");
            return json(entries.hardest(model, cls, r.limit(), r.at()));
        }
        if (p.size() == 3 && p.get(0).equals("models") && p.get(2).equals("hardest")) {
            Request r = new Request(params, local, Set.of("limit"));
            knownModel(p.get(1));
            return json(entries.hardest(p.get(1), r.limit(), r.at()));
        }
        if (p.size() == 2 && p.get(0).equals("alerts") && p.get(1).equals("recent")) {
            Request r = new Request(params, local, Set.of("limit", "model", "class"));
            String model = params.get("model");
            String cls = params.get("class");
            if (cls != null && model == null) {
                throw ApiException.badRequest("class=" + cls + " needs model=NAME");
            }
            if (model != null) {
                knownModel(model);
            }
            Integer c = cls == null ? null : knownClass(model, cls, "class=");
            return json(entries.alerts(model, c, r.limit(), r.at()));
        }
        throw ApiException.notFound("not found: " + uri.getPath() + ": " + PATHS);
    }

    private int knownModel(String model) {
        return classes.apply(model).orElseThrow(() -> ApiException.notFound("unknown model '" + model + "'"));
    }

    private int knownClass(String model, String text, String where) {
        int count = knownModel(model);
        int cls;
        try {
            cls = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("class '" + text + "' in " + where + " is not an integer");
        }
        if (cls < 0 || cls >= count) {
            throw ApiException.notFound("unknown class " + cls + " of model '" + model + "' (classes 0-" + (count - 1) + ")");
        }
        return cls;
    }

    private static ArrayNode json(List<RecentEntry> entries) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        entries.forEach(e -> a.add(e.json()));
        return a;
    }

    /** The query string's parameters, URL-decoded; a name given twice is a bad request. */
    public static Map<String, String> params(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw ApiException.badRequest("parameter " + name + " given twice");
            }
        }
        return out;
    }

    /** The parameters of one question, checked: only the allowed names, a limit 1-1000, {@code at} on local paths. */
    private final class Request {
        private final Map<String, String> params;
        private final boolean local;

        Request(Map<String, String> params, boolean local, Set<String> allowed) {
            this.params = params;
            this.local = local;
            for (String name : params.keySet()) {
                if (!allowed.contains(name) && !(local && name.equals("at"))) {
                    throw ApiException.badRequest("unknown parameter '" + name + "' (known: " + (allowed.isEmpty()
                            ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ")");
                }
            }
        }

        int limit() {
            String v = params.get("limit");
            if (v == null) {
                return DEFAULT_LIMIT;
            }
            try {
                int limit = Integer.parseInt(v);
                if (limit >= 1 && limit <= MAX_LIMIT) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw ApiException.badRequest("limit=" + v + " is not an integer from 1 to " + MAX_LIMIT);
        }

        long at() {
            if (!local) {
                return clock.getAsLong();
            }
            String v = params.get("at");
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("at=" + v + " is not epoch milliseconds (a /local path needs it)");
            }
        }
    }
}
