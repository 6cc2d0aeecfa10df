package org.baclofencds.cdshooks;

/**
 * The request's {@code fhirAuthorization}: a short-lived token for calling the EHR's FHIR server. Never logged
 * or stored: {@link #toString()} leaves the token out.
 *
 * @param accessToken the OAuth 2.0 access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn lifetime in seconds
 * @param scope the granted scopes
 * @param subject the OAuth client id of this service
 * @param patient the patient in context, when the token is patient-bound
 */
public record FhirAuthorization(
        String accessToken, String tokenType, long expiresIn, String scope, String subject, String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[tokenType=" + tokenType + ", scope=" + scope + ", subject=" + subject + "]";
    }
}
