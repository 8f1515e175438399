package org.vogstream.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.vogstream.app.records.Json;

/**
 * The entries of the whole application, whichever instance holds them: a key's question goes to
 * the instance whose task owns the key (Kafka Streams' {@code queryMetadataForKey}), a question
 * over many keys to every instance that hosts the store, and the answers are merged. Other
 * instances are asked on their {@code /local/...} paths, which answer from their own stores only,
 * for the asker's moment, so no question travels further.
 */
public final class RoutedEntries implements Entries {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalEntries local;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param self this instance's {@code application.server} */
    public RoutedEntries(KafkaStreams streams, HostInfo self, RecentWindow window) {
        this.streams = streams;
        this.self = self;
        this.local = new LocalEntries(this::store, window);
    }

    /** This instance's own entries, for the {@code /local/...} paths. */
    public LocalEntries local() {
        return local;
    }

    private ReadOnlyWindowStore<String, byte[]> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore()));
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("store " + name + " is not ready (Kafka Streams is " + streams.state() + ")");
        }
    }

    @Override
    public List<RecentEntry> hardest(String model, int cls, int limit, long at) {
        HostInfo owner = owner(RecentWindow.HARDEST_STORE, RecentWindow.key(model, cls));
        return owner.equals(self) ? local.hardest(model, cls, limit, at)
                : remote(owner, "/local/models/" + model + "/classes/" + cls + "/hardest", "limit=" + limit + "&at=" + at);
    }

    @Override
    public List<RecentEntry> hardest(String model, int limit, long at) {
        return everywhere(RecentWindow.HARDEST_STORE, RecentEntry.HARDEST, limit, l -> l.hardest(model, limit, at),
                "/local/models/" + model + "/hardest", "limit=" + limit + "&at=" + at);
    }

    @Override
    public List<RecentEntry> alerts(String model, Integer cls, int limit, long at) {
        String query = "limit=" + limit + "&at=" + at + (model == null ? "" : "&model=" + model)
                + (cls == null ? "" : "&class=" + cls);
        if (model != null && cls != null) {
            HostInfo owner = owner(RecentWindow.ALERTS_STORE, RecentWindow.key(model, cls));
            return owner.equals(self) ? local.alerts(model, cls, limit, at) : remote(owner, "/local/alerts/recent", query);
        }
        return everywhere(RecentWindow.ALERTS_STORE, RecentEntry.NEWEST, limit, l -> l.alerts(model, cls, limit, at),
                "/local/alerts/recent", query);
    }

    private HostInfo owner(String store, String key) {
        KeyQueryMetadata m = streams.queryMetadataForKey(store, key, new StringSerializer());
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw ApiException.unavailable("no instance owns " + key + " of " + store + " yet (Kafka Streams is "
                    + streams.state() + ")");
        }
        return m.activeHost();
    }

    private List<RecentEntry> everywhere(String store, Comparator<RecentEntry> order, int limit,
            Function<LocalEntries, List<RecentEntry>> here, String path, String query) {
        List<RecentEntry> all = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
            all.addAll(m.hostInfo().equals(self) ? here.apply(local) : remote(m.hostInfo(), path, query));
        }
        return LocalEntries.merge(all, order, limit);
    }

    private List<RecentEntry> remote(HostInfo host, String path, String query) {
        String where = host.host() + ":" + host.port();
        try {
            URI uri = new URI("http", null, host.host(), host.port(), path, query, null);
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Json.MAPPER.readTree(r.body());
            if (r.statusCode() != 200 || !body.isArray()) {
                throw ApiException.unavailable("instance " + where + " answered " + r.statusCode() + ": "
                        + body.path("error").asText(body.toString()));
            }
            List<RecentEntry> out = new ArrayList<>();
            body.forEach(n -> out.add(RecentEntry.from((ObjectNode) n)));
            return out;
        } catch (IOException | URISyntaxException e) {
            throw ApiException.unavailable("instance " + where + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking " + where);
        }
    }
}
