package org.exotrial.views.shipped;

/**
 * One of the trial's own ViewDefinitions as the guide ships it.
 *
 * @param id the Library id it is served under, the last segment of its canonical URL ({@code exotrial-subjects})
 * @param url its canonical URL, {@code https://exotrial.org/fhir/ViewDefinition/<id>}
 * @param json the ViewDefinition as written in {@code ig/input/views}
 */
public record ShippedView(String id, String url, String json) {}
