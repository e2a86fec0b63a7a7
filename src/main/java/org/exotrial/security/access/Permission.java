package org.exotrial.security.access;

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

    static Permission of(char letter) {
        for (Permission permission : values()) {
            if (permission.letter == letter) {
                return permission;
            }
        }
        throw new IllegalArgumentException("unknown SMART permission '" + letter + "'");
    }
}
