package org.vogstream.app.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.query.ApiException;
import org.vogstream.app.query.Entries;
import org.vogstream.app.query.QueryApi;
import org.vogstream.app.records.Json;

/**
 * The detector's HTTP paths beside {@code /metrics} and {@code /health}: the auditor's page at
 * {@code /} (plain files served from the jar, nothing loaded from elsewhere), the PNGs of recent
 * alerts, and every other path to the {@link QueryApi}.
 */
public final class WebRoutes implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);
    private static final Pattern IMAGE = Pattern.compile("^/alerts/([^/]+)/(input|heatmap)\\.png$");
    private static final Map<String, String> FILES = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final HttpHandler api;
    private final AlertImages images;
    private final Map<String, byte[]> files = new HashMap<>();

    public WebRoutes(HttpHandler api, Entries entries, LongSupplier clock) {
        this.api = api;
        this.images = new AlertImages(entries, clock);
        for (String name : FILES.values()) {
            files.put(name, resource(name));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebRoutes.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = FILES.get(path);
        // matched raw, so an event id may hold '/', '+' or '%' (the page percent-encodes it)
        Matcher image = IMAGE.matcher(exchange.getRequestURI().getRawPath());
        if (file == null && !image.matches()) {
            api.handle(exchange);
            return;
        }
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                throw new ApiException(405, exchange.getRequestMethod() + " " + path + ": only GET is answered");
            }
            if (file != null) {
                send(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), "no-cache", files.get(file));
                return;
            }
            Map<String, String> params = QueryApi.params(exchange.getRequestURI().getRawQuery());
            for (String name : params.keySet()) {
                if (!name.equals("model") && !name.equals("class")) {
                    throw ApiException.badRequest("unknown parameter '" + name + "' (known: class, model)");
                }
            }
            String model = params.get("model");
            Integer cls = classParam(params.get("class"), model);
            String eventId = percentDecoded(image.group(1));
            // an alert never changes once raised: its pictures may be cached
            send(exchange, 200, "image/png", "private, max-age=3600", images.png(eventId, image.group(2), model, cls));
        } catch (ApiException e) {
            send(exchange, e.status(), "application/json", "no-store", Json.bytes(QueryApi.error(e.status(), e.getMessage())));
        } catch (StreamsException e) {
            // a store closed under a rebalance (InvalidStateStoreException among them): ask again
            send(exchange, 503, "application/json", "no-store",
                    Json.bytes(QueryApi.error(503, "not answerable now: " + e.getMessage())));
        } catch (RuntimeException e) {
            // a stored alert that cannot be drawn stays so: no point asking again
            LOG.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            send(exchange, 500, "application/json", "no-store",
                    Json.bytes(QueryApi.error(500, "cannot draw it: " + e)));
        }
    }

    /** Percent-decoding of one path segment; unlike a query string, '+' is a plus. */
    private static String percentDecoded(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("event id '" + raw + "' is not percent-encoded: " + e.getMessage());
        }
    }

    private static Integer classParam(String cls, String model) {
        if (cls == null) {
            return null;
        }
        if (model == null) {
            throw ApiException.badRequest("class=" + cls + " needs model=NAME");
        }
        try {
            return Integer.parseInt(cls);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("class '" + cls + "' is not an integer");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String cache, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", cache);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
