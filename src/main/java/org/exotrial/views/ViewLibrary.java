package org.exotrial.views;

import java.util.Optional;

/**
 * The ViewDefinitions the server holds, for {@code viewReference}: the trial's shipped views (issue 33, the
 * views-export work fills this in). A reference is what a client passes: {@code ViewDefinition/<id>}, a bare id or a
 * canonical URL.
 */
public interface ViewLibrary {

    /** The view's JSON, or empty when the server holds no such view. */
    Optional<String> find(String reference);
}
