package org.baclofencds.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Refuses what HAPI would otherwise coerce or ignore (400). Unknown elements and mis-shaped values, in a resource
 * to store or in an operation's body, need no check here: the server's one parse of a body is strict
 * ({@link BaclofenRestfulServer#strict}), and refuses them before anything is stored. Checked here:
 *
 * <ul>
 *   <li>an operation body that is not a {@code Parameters};
 *   <li>{@code evaluationTime} empty, given twice, or not exactly a dateTime with seconds and a timezone;
 *   <li>{@code _count} that is not a non-negative integer, {@code _summary} that is not a FHIR value.
 * </ul>
 */
@Interceptor
final class StrictInputInterceptor {

    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> SUMMARY = Set.of("true", "false", "text", "data", "count");
    private static final Set<RestOperationTypeEnum> OPERATIONS = Set.of(
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);

    // After authentication and authorization (order 0): an anonymous caller gets 401, not a 400.
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = 100)
    public boolean checkQuery(RequestDetails request) {
        var params = request.getParameters();
        String[] count = params.get("_count");
        if (count != null && (count.length != 1 || !count[0].matches("\\d{1,9}"))) {
            throw new InvalidRequestException("_count must be one non-negative integer");
        }
        String[] summary = params.get("_summary");
        if (summary != null && (summary.length != 1 || !SUMMARY.contains(summary[0]))) {
            throw new InvalidRequestException("_summary must be one of true, false, text, data, count");
        }
        String[] evaluationTime = params.get("evaluationTime");
        if (evaluationTime != null) {
            if (evaluationTime.length != 1) {
                throw new InvalidRequestException("Parameter 'evaluationTime' is given more than once");
            }
            requireDateTime(evaluationTime[0]);
        }
        return true;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 100)
    public void checkBody(RequestDetails request, RestOperationTypeEnum operation) {
        if (request.getRequestType() != RequestTypeEnum.POST && request.getRequestType() != RequestTypeEnum.PUT) {
            return;
        }
        if (OPERATIONS.contains(operation)) {
            // HAPI has parsed the body already, strictly (BaclofenRestfulServer's context), and handed it over.
            IBaseResource parsed = request.getResource();
            if (parsed != null) {
                checkOperationBody(request, parsed);
            }
        }
    }

    private static void checkOperationBody(RequestDetails request, IBaseResource parsed) {
        if (!(parsed instanceof Parameters parameters)) {
            throw new InvalidRequestException("The body of " + request.getOperation()
                    + " must be a Parameters resource, not " + parsed.fhirType());
        }
        String evaluationTime = null;
        int times = 0;
        for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
            if ("evaluationTime".equals(p.getName())) {
                times++;
                evaluationTime = p.getValue() == null ? "" : p.getValue().primitiveValue();
            }
        }
        if (times > 1) {
            throw new InvalidRequestException("Parameter 'evaluationTime' is given more than once");
        }
        if (times == 1) {
            requireDateTime(evaluationTime);
        }
    }

    private static void requireDateTime(String value) {
        if (value == null || !DATE_TIME.matcher(value).matches()) {
            throw new InvalidRequestException("Parameter 'evaluationTime' must be a dateTime with seconds and a"
                    + " timezone, e.g. 2026-06-15T09:00:00Z");
        }
    }
}
