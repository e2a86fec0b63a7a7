package org.exotrial.security.access;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;

/** The SMART App Launch v2 interaction letters: create, read, update, delete, search. */
public enum Permission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** Whether this is a write: create, update or delete. */
    boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE;
    }

    /**
     * The interaction a REST operation is, or {@code null} for one that is none of them (metadata, transaction, batch,
     * extended operations such as {@code $everything}). A patch and a change of tags ({@code $meta-add},
     * {@code $meta-delete}) update; a version read and an instance's or a type's history read; system-wide search and
     * history search (every type at once).
     */
    static Permission of(RestOperationTypeEnum operation) {
        if (operation == null) {
            return null;
        }
        return switch (operation) {
            case CREATE -> CREATE;
            case UPDATE, PATCH, META_ADD, META_DELETE -> UPDATE;
            case DELETE -> DELETE;
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> READ;
            case SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_SYSTEM -> SEARCH;
            default -> null;
        };
    }

    static Permission of(char letter) {
        for (Permission permission : values()) {
            if (permission.letter == letter) {
                return permission;
            }
        }
        throw new IllegalArgumentException("unknown SMART permission '" + letter + "'");
    }
}
