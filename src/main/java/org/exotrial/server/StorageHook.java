package org.exotrial.server;

/**
 * How a capability adds hooks at HAPI's storage level, where they see every write whichever way it came (a REST
 * request, a transaction entry, an HL7 v2 message, the server's own writes) inside the write's database transaction.
 * Declare a bean of this type; {@link StorageHooks} registers them all with HAPI's interceptor service once every
 * singleton exists (so after the guide is installed), in the order of their {@link Stage}. Hooks that concern only
 * client requests belong on the REST server instead: {@link FhirServerCustomizer}.
 *
 * @param stage when the hooks run, relative to the other storage hooks of the same pointcut
 * @param interceptor an object with HAPI {@code @Hook} methods
 */
public record StorageHook(Stage stage, Object interceptor) {

    /**
     * The order storage hooks run in. HAPI calls the hooks of one pointcut by their {@code @Hook} order first and then
     * in the order they were registered: hooks that keep HAPI's default order run stage by stage.
     */
    public enum Stage {
        /** Bookkeeping that later hooks' errors rely on, e.g. which transaction entry is being written. */
        TRACK,
        /** Cheap refusals of what must never be stored, before the costly validation. */
        GUARD,
        /** Validation against the implementation guide. */
        VALIDATE,
        /** What a write that passed every check causes, e.g. the events of subscriptions (registry sync). */
        RECORD
    }
}
