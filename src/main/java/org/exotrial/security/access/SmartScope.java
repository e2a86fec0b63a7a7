package org.exotrial.security.access;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART system scope, {@code system/Observation.rs} (v2) or {@code system/Observation.read} (v1, read as
 * {@code rs}; {@code write} as {@code cud}). Patient and user scopes are not granted to backend services and are
 * ignored, as are scopes this server does not know ({@code openid}, {@code launch}).
 */
public record SmartScope(String resourceType, Set<Permission> permissions) {

    private static final Pattern SYNTAX = Pattern.compile("system/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)(\\?.*)?");
    /** SMART v2 permission letters, in {@code cruds} order. Compiled once: every request's token is read anew. */
    private static final Pattern V2_LETTERS = Pattern.compile("c?r?u?d?s?");

    public static final String ANY_TYPE = "*";

    /** The scope, or {@code null} when the text is not a system scope this server enforces. */
    public static SmartScope parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches() || matcher.group(3) != null) {
            // Scopes with search constraints (system/Observation.rs?category=...) are not supported: granting the
            // unconstrained scope instead would widen access, so they grant nothing.
            return null;
        }
        String type = matcher.group(1);
        String access = matcher.group(2);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        switch (access) {
            case "read" -> permissions.addAll(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write" -> permissions.addAll(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*" -> permissions.addAll(EnumSet.allOf(Permission.class));
            default -> {
                if (!V2_LETTERS.matcher(access).matches()) {
                    return null; // v2 letters must be in cruds order
                }
                access.chars().forEach(letter -> permissions.add(Permission.of((char) letter)));
            }
        }
        return new SmartScope(type, Set.copyOf(permissions));
    }

    public boolean covers(String type, Permission permission) {
        return (ANY_TYPE.equals(resourceType) || resourceType.equals(type)) && permissions.contains(permission);
    }

    @Override
    public String toString() {
        StringBuilder letters = new StringBuilder();
        for (Permission permission : Permission.values()) {
            if (permissions.contains(permission)) {
                letters.append(permission.letter());
            }
        }
        return "system/" + resourceType + "." + letters;
    }
}
