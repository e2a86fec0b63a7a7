package org.exotrial.views.export;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The work chunk of one view: its position in {@link ViewExportParameters#views}. */
public class ViewChunk implements IModelJson {

    @JsonProperty("view")
    int view;

    public ViewChunk() {}

    ViewChunk(int view) {
        this.view = view;
    }
}
