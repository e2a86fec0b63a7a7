package org.exotrial.security.access;

import java.util.Locale;

/**
 * The words of a 403, in one place: what was refused, on which resource type, and either the scope that would allow
 * it or, when no scope could, that the role never may. A client should be able to fix its request (or its
 * registration) from the message alone.
 */
public final class Refusals {

    private Refusals() {}

    public static String message(Caller caller, String type, Permission permission) {
        String target = SmartScope.ANY_TYPE.equals(type) ? "all resource types at once" : type;
        if (!caller.role().permits(type, permission)) {
            return "The " + caller.role().claim() + " role may not " + verb(permission) + " " + target
                    + (SmartScope.ANY_TYPE.equals(type) ? " (search one resource type at a time)" : "")
                    + "; no scope can allow it (docs/security.md lists each role's rights)";
        }
        return "The token does not allow " + gerund(permission) + " " + target + ": it needs the scope system/" + type
                + "." + permission.letter() + " (request it with the token; the client must be registered for it)";
    }

    private static String verb(Permission permission) {
        return permission.name().toLowerCase(Locale.ROOT);
    }

    private static String gerund(Permission permission) {
        return switch (permission) {
            case CREATE -> "creating";
            case READ -> "reading";
            case UPDATE -> "updating";
            case DELETE -> "deleting";
            case SEARCH -> "searching";
        };
    }
}
