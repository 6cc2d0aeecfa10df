package org.baclofencds.server.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR resource scope, e.g. {@code patient/Observation.rs}, {@code user/*.cruds} or (SMART v1)
 * {@code system/Patient.read}.
 *
 * @param context whose data: the launch patient's only, what the user may see, or the whole system
 * @param resourceType a FHIR resource type, or {@code *} for every type
 * @param permissions what may be done with it
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

    /** The part before the slash. */
    public enum Context {
        PATIENT,
        USER,
        SYSTEM
    }

    /** SMART v2's {@code c r u d s}. */
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
    }

    // (context)/(type or *).(v2 letters in order | read | write | *); a scope with ?parameters is not granted
    private static final Pattern SCOPE =
            Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(c?r?u?d?s?|read|write|\\*)");

    public SmartScope {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean appliesTo(String type) {
        return "*".equals(resourceType) || resourceType.equals(type);
    }

    /**
     * The scope a token grants, or empty for anything that is not a resource scope we understand (e.g.
     * {@code openid}, {@code launch/patient}, or a v2 scope narrowed by {@code ?parameters}, which we do not
     * enforce and so do not grant).
     */
    public static Optional<SmartScope> parse(String scope) {
        Matcher m = SCOPE.matcher(scope);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        String perms = m.group(3);
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        switch (perms) {
            case "read" -> granted.addAll(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write" -> granted.addAll(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*" -> granted.addAll(EnumSet.allOf(Permission.class));
            default -> {
                for (Permission p : Permission.values()) {
                    if (perms.indexOf(p.letter) >= 0) {
                        granted.add(p);
                    }
                }
            }
        }
        return Optional.of(new SmartScope(context, m.group(2), granted));
    }

    /** Every resource scope of a space-separated {@code scope} claim; the rest is ignored. */
    public static List<SmartScope> parseAll(String scopes) {
        List<SmartScope> out = new ArrayList<>();
        if (scopes != null) {
            for (String s : scopes.trim().split("\\s+")) {
                parse(s).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }
}
