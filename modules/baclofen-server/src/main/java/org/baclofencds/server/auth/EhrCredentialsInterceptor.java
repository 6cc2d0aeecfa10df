package org.baclofencds.server.auth;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;

/**
 * Marks a request that runs one of our own operations, so a remote EHR is read (and written) with our EHR token
 * for it (see {@link EhrCredentials}). Runs once the request is handled, i.e. after authorization allowed it.
 */
@Interceptor
public final class EhrCredentialsInterceptor {

    private final Set<String> ownOperations;

    /** @param ownOperations e.g. {@code $baclofen-check}, {@code $baclofen-summary} */
    public EhrCredentialsInterceptor(Set<String> ownOperations) {
        this.ownOperations = Set.copyOf(ownOperations);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void preHandled(RequestDetails request, RestOperationTypeEnum operation) {
        if ((operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                        || operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                        || operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER)
                && ownOperations.contains(request.getOperation())) {
            EhrCredentials.useOwnToken();
        }
    }
}
