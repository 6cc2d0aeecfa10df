package org.baclofencds.server;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The errors Jetty itself answers (a malformed request line, a URI or headers too long, 405, 413, 408, ...) as
 * JSON: an OperationOutcome under {@code /fhir} and {@code /cds-services} (as their servlets answer errors), a
 * plain {@code {"error": ...}} elsewhere. Only the status and a fixed text: no server version, no exception
 * message, no stack.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final FhirContext ctx;

    JsonErrorHandler(FhirContext ctx) {
        this.ctx = ctx;
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    /** Every method gets a body saying what went wrong (Jetty's default: GET, POST and HEAD only). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String path = Request.getPathInContext(request);
        boolean fhir = path.startsWith(BaclofenServer.FHIR_PATH + "/")
                || path.equals(BaclofenServer.FHIR_PATH)
                || path.startsWith("/cds-services");
        String text = text(code, message);
        String body = fhir ? operationOutcome(text) : plain(code, text);
        response.getHeaders()
                .put(HttpHeader.CONTENT_TYPE, fhir ? "application/fhir+json;charset=utf-8" : "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/fhir+json;charset=utf-8"));
        return ByteBuffer.wrap(operationOutcome(text(status, null)).getBytes(StandardCharsets.UTF_8));
    }

    /** Our own texts for the limits we set; otherwise the standard reason phrase only. */
    private static String text(int code, String message) {
        if (message != null
                && (code == HttpStatus.PAYLOAD_TOO_LARGE_413
                        || code == HttpStatus.REQUEST_TIMEOUT_408
                        || code == HttpStatus.UNSUPPORTED_MEDIA_TYPE_415)
                && message.length() < 120
                && !message.contains("Exception")) {
            return message;
        }
        String reason = HttpStatus.getMessage(code);
        return reason == null ? "HTTP error " + code : reason;
    }

    private String operationOutcome(String text) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(text);
        return ctx.newJsonParser().encodeResourceToString(oo);
    }

    private static String plain(int code, String text) {
        return "{\"status\":" + code + ",\"error\":\""
                + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
