package org.exotrial.views.export;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * What one export was asked for and by whom, persisted with its batch2 job instance, so that any node can run its
 * steps: the caller (client, role, granted scopes) is rebuilt from it to apply the same scopes and blinding as the
 * request that started it.
 */
public class ViewExportParameters implements IModelJson {

    @JsonProperty("clientId")
    String clientId;

    @JsonProperty("role")
    String role;

    @JsonProperty("scopes")
    List<String> scopes = new ArrayList<>();

    @JsonProperty("views")
    List<View> views = new ArrayList<>();

    @JsonProperty("format")
    String format;

    /** {@code Patient/<id>}: only resources of these patients (from {@code patient} and {@code group}). */
    @JsonProperty("patients")
    List<String> patients = new ArrayList<>();

    /** Only resources changed at or after this instant (ISO-8601), or null. */
    @JsonProperty("since")
    String since;

    @JsonProperty("clientTrackingId")
    String clientTrackingId;

    /** One view to export: the output name and the ViewDefinition's JSON. */
    public static class View {
        @JsonProperty("name")
        String name;

        @JsonProperty("json")
        String json;

        public View() {}

        View(String name, String json) {
            this.name = name;
            this.json = json;
        }
    }
}
