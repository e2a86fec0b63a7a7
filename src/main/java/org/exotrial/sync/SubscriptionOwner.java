package org.exotrial.sync;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;

/**
 * Who a subscription delivers for, as its row records it: the owner's client id, role claim and scopes
 * (space-separated), snapshotted when the owner last wrote the subscription. Delivery and blinding act on this
 * {@link Caller}, not on the server's own, since there is no request to take one from.
 */
record SubscriptionOwner(String clientId, String role, String scopes) {

    static SubscriptionOwner of(Caller caller) {
        return new SubscriptionOwner(
                caller.clientId(),
                caller.role().claim(),
                caller.scopes().stream().map(SmartScope::toString).collect(Collectors.joining(" ")));
    }

    static SubscriptionOwner of(SyncStore.SyncSubscription row) {
        return new SubscriptionOwner(row.ownerClientId(), row.ownerRole(), row.ownerScopes());
    }

    /**
     * The owner as a caller. A role this server no longer knows reads as a registry's, which is blinded and reads
     * little: unknown owners get the narrowest rights, never the server's.
     */
    Caller caller() {
        Role known = Role.ofClaim(role);
        List<SmartScope> granted = scopes == null
                ? List.of()
                : Stream.of(scopes.split(" "))
                        .filter(s -> !s.isBlank())
                        .map(SmartScope::parse)
                        .filter(Objects::nonNull)
                        .toList();
        return new Caller(clientId, known == null ? Role.REGISTRY : known, granted);
    }
}
