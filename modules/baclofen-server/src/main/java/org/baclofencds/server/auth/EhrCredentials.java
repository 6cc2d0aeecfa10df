package org.baclofencds.server.auth;

/**
 * Whose bearer token goes to a remote EHR (API.md §8). While the FHIR API serves a caller's request it is the
 * caller's own token (or none), so that a pass-through read or write is done with the caller's rights, never
 * with ours. Our EHR token is used outside requests and, inside one, only for our own operations
 * ({@code $baclofen-check}, {@code $baclofen-summary}) once the caller was allowed to run them.
 */
public final class EhrCredentials {

    private record State(String callerToken, boolean own) {}

    private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();

    private EhrCredentials() {}

    /** A FHIR API request starts on this thread; {@code bearerToken} is the caller's token or null. */
    public static void beginCallerRequest(String bearerToken) {
        CURRENT.set(new State(bearerToken, false));
    }

    /** The current request is one of our own operations, which the caller was allowed to run. */
    public static void useOwnToken() {
        State s = CURRENT.get();
        if (s != null) {
            CURRENT.set(new State(null, true));
        }
    }

    /** The request on this thread has ended. */
    public static void end() {
        CURRENT.remove();
    }

    /**
     * The token to send to the EHR now: the caller's (possibly none) during a pass-through request, else
     * {@code ownToken}.
     */
    public static String forEhr(String ownToken) {
        State s = CURRENT.get();
        return s == null || s.own() ? ownToken : s.callerToken();
    }

    /** True while a caller's request is passed through with the caller's own credentials. */
    public static boolean passingThrough() {
        State s = CURRENT.get();
        return s != null && !s.own();
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorizationHeader.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
