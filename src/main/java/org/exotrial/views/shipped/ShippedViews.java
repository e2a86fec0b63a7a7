package org.exotrial.views.shipped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.exotrial.ig.ImplementationGuide;

/**
 * The guide's ViewDefinitions ({@code ig/input/views}, packed into {@code package/other/} of the guide), and how a
 * {@code viewReference} names one: its canonical URL, {@code ViewDefinition/<id>}, {@code Library/<id>} or the bare id.
 */
public final class ShippedViews {

    public static final String VIEW_BASE = ImplementationGuide.CANONICAL + "/ViewDefinition/";

    private final List<ShippedView> views;

    ShippedViews(List<ShippedView> views) {
        this.views = List.copyOf(views);
    }

    static ShippedViews of(ImplementationGuide guide) {
        ObjectMapper mapper = new ObjectMapper();
        List<ShippedView> views = new ArrayList<>();
        guide.otherJson().forEach((file, json) -> {
            try {
                JsonNode view = mapper.readTree(json);
                String url = view.path("url").asText("");
                if (!"ViewDefinition".equals(view.path("resourceType").asText()) || !url.startsWith(VIEW_BASE)) {
                    throw new IllegalStateException(
                            "The guide's " + file + " is not a ViewDefinition with a url under " + VIEW_BASE);
                }
                views.add(new ShippedView(url.substring(VIEW_BASE.length()), url, json));
            } catch (IOException e) {
                throw new UncheckedIOException("The guide's " + file + " is not JSON", e);
            }
        });
        return new ShippedViews(views);
    }

    public List<ShippedView> all() {
        return views;
    }

    /** The view a reference names, in any of the three forms a client may use (a trailing {@code |version} ignored). */
    public Optional<ShippedView> find(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        String ref = reference.contains("|") ? reference.substring(0, reference.indexOf('|')) : reference;
        return views.stream()
                .filter(v -> ref.equals(v.url())
                        || ref.equals("ViewDefinition/" + v.id())
                        || ref.equals("Library/" + v.id())
                        || ref.equals(v.id())
                        || ref.endsWith("/Library/" + v.id()))
                .findFirst();
    }
}
