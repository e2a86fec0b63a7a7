package org.exotrial.sync;

import java.net.URI;

/**
 * Checked just before each connection to a subscription's endpoint, so that a host whose address changed after the
 * subscription was admitted (DNS rebinding to an internal address) is refused at connect time too: {@link
 * EndpointPolicy}, the rules admission applies.
 */
@FunctionalInterface
public interface EndpointCheck {

    /** Why the server may not connect to the endpoint now, or {@code null} when it may. */
    String refusal(URI endpoint);
}
