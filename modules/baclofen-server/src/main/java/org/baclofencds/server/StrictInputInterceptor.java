package org.baclofencds.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Refuses what HAPI would otherwise coerce or ignore (400), parsing the body once for HAPI and for itself:
 *
 * <ul>
 *   <li>a resource to store (create, update, transaction) with unknown elements or mis-shaped values: parsed again
 *       with HAPI's {@link StrictErrorHandler} before anything is stored;
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
    private static final Set<RestOperationTypeEnum> STORES =
            Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.TRANSACTION);

    private final FhirContext ctx;

    StrictInputInterceptor(FhirContext ctx) {
        this.ctx = ctx;
    }

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
        boolean store = STORES.contains(operation);
        boolean ourOperation = operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
        if (!store && !ourOperation) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        IParser parser = encoding == EncodingEnum.XML ? ctx.newXmlParser() : ctx.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        parser.setServerBaseUrl(request.getFhirServerBase()); // as HAPI's own parse of the body does
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new InvalidRequestException(
                    (store ? "The resource cannot be stored as sent: " : "The request body is not valid FHIR: ")
                            + e.getMessage());
        }
        if (isWhatHapiWouldParse(request, operation, parsed)) {
            // The body is parsed once: HAPI's method binding takes this resource instead of parsing the body again.
            request.setResource(parsed);
        }
        if (ourOperation) {
            if (!(parsed instanceof Parameters parameters)) {
                throw new InvalidRequestException("The body of " + request.getOperation()
                        + " must be a Parameters resource, not " + parsed.fhirType());
            }
            long times = parameters.getParameter().stream()
                    .filter(p -> "evaluationTime".equals(p.getName()))
                    .count();
            if (times > 1) {
                throw new InvalidRequestException("Parameter 'evaluationTime' is given more than once");
            }
            parameters.getParameter().stream()
                    .filter(p -> "evaluationTime".equals(p.getName()))
                    .forEach(p -> requireDateTime(
                            p.getValue() == null ? "" : p.getValue().primitiveValue()));
        }
    }

    /**
     * Whether HAPI's own parse of this body would give the same resource: an operation parses whatever resource the
     * body holds; a create or update parses the type the URL names (anything else is left to HAPI, which refuses it in
     * its own words); a transaction parses a Bundle.
     */
    private static boolean isWhatHapiWouldParse(
            RequestDetails request, RestOperationTypeEnum operation, IBaseResource parsed) {
        return switch (operation) {
            case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> true;
            case CREATE, UPDATE -> parsed.fhirType().equals(request.getResourceName());
            case TRANSACTION -> "Bundle".equals(parsed.fhirType());
            default -> false;
        };
    }

    private static void requireDateTime(String value) {
        if (value == null || !DATE_TIME.matcher(value).matches()) {
            throw new InvalidRequestException("Parameter 'evaluationTime' must be a dateTime with seconds and a"
                    + " timezone, e.g. 2026-06-15T09:00:00Z");
        }
    }
}
