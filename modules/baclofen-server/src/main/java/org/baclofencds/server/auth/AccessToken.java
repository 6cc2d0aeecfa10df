package org.baclofencds.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * A verified access token, as far as authorization needs it. The token itself is not kept here and never logged.
 *
 * @param issuer the {@code iss}
 * @param subject the {@code sub} (the user or client), or null
 * @param scopes the resource scopes granted
 * @param patient the {@code patient} claim (the launch patient's id) or null; {@code patient/} scopes need it
 */
public record AccessToken(String issuer, String subject, List<SmartScope> scopes, String patient) {

    public AccessToken {
        Objects.requireNonNull(issuer, "issuer");
        scopes = List.copyOf(scopes);
    }

    /** True when some scope allows {@code permission} on {@code type} for any patient or for the launch patient. */
    public boolean allows(String type, SmartScope.Permission permission) {
        return scopes.stream()
                .anyMatch(s -> s.appliesTo(type)
                        && s.permissions().contains(permission)
                        && (s.context() != SmartScope.Context.PATIENT || patient != null));
    }

    /** True when the permission on {@code type} is granted beyond one patient's compartment. */
    public boolean allowsBeyondPatient(String type, SmartScope.Permission permission) {
        return scopes.stream()
                .anyMatch(s -> s.appliesTo(type)
                        && s.permissions().contains(permission)
                        && s.context() != SmartScope.Context.PATIENT);
    }
}
