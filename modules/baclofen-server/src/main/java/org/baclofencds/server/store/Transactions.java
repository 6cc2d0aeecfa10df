package org.baclofencds.server.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Processes transaction and batch Bundles against the in-memory store. The caller holds the store's write
 * lock, so a transaction sees and changes the store alone; on any failure its journal is rolled back.
 */
final class Transactions {

    private final FhirContext ctx;
    private final InMemoryPatientDataSource store;

    Transactions(FhirContext ctx, InMemoryPatientDataSource store) {
        this.ctx = ctx;
        this.store = store;
    }

    /** One parsed entry. */
    private record Entry(
            int index,
            HTTPVerb method,
            String url,
            String type,
            String id,
            String versionId,
            String query,
            Resource resource,
            String fullUrl,
            String ifNoneExist,
            String ifMatch) {

        String label() {
            return "Bundle.entry[" + index + "] (" + method + " " + url + ")";
        }
    }

    void validateShape(Bundle bundle) {
        if (bundle == null) {
            throw new InvalidRequestException("No Bundle given");
        }
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
            throw new InvalidRequestException("Bundle.type must be transaction or batch, not "
                    + (bundle.getType() == null ? "empty" : bundle.getType().toCode()));
        }
    }

    Bundle process(Bundle bundle) {
        return bundle.getType() == Bundle.BundleType.TRANSACTION ? transaction(bundle) : batch(bundle);
    }

    // ---------------------------------------------------------------------------------------- transaction

    private Bundle transaction(Bundle bundle) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Entry entry = null;
            try {
                entry = parse(i, bundle.getEntry().get(i));
                entries.add(entry);
            } catch (BaseServerResponseException e) {
                throw failure(describe(i, bundle.getEntry().get(i)), e);
            }
        }

        // Assign every created resource its id first, so that references between entries can be rewritten.
        Map<String, String> fullUrlToId = new HashMap<>();
        Map<Integer, WriteOutcome> matchedConditionals = new HashMap<>();
        Map<Integer, String> assignedIds = new HashMap<>();
        for (Entry e : entries) {
            try {
                String target = null;
                if (e.method() == HTTPVerb.POST) {
                    WriteOutcome existing = store.conditionalMatchLocked(e.type(), e.ifNoneExist());
                    if (existing != null) {
                        matchedConditionals.put(e.index(), existing);
                        target = e.type() + "/" + existing.id();
                    } else {
                        String id = InMemoryPatientDataSource.newId();
                        assignedIds.put(e.index(), id);
                        target = e.type() + "/" + id;
                    }
                } else if (e.method() == HTTPVerb.PUT) {
                    target = e.type() + "/" + e.id();
                }
                if (target != null && e.fullUrl() != null && !e.fullUrl().isBlank()) {
                    if (fullUrlToId.put(e.fullUrl(), target) != null) {
                        throw new InvalidRequestException("fullUrl " + e.fullUrl() + " appears more than once");
                    }
                }
            } catch (BaseServerResponseException ex) {
                throw failure(e.label(), ex);
            }
        }
        for (Entry e : entries) {
            if (e.resource() != null) {
                try {
                    rewriteReferences(e.resource(), fullUrlToId);
                } catch (BaseServerResponseException ex) {
                    throw failure(e.label(), ex);
                }
            }
        }

        InMemoryPatientDataSource.Journal journal = new InMemoryPatientDataSource.Journal();
        BundleEntryComponent[] responses = new BundleEntryComponent[entries.size()];
        Entry current = null;
        try {
            for (Entry e : inProcessingOrder(entries)) {
                current = e;
                WriteOutcome matched = matchedConditionals.get(e.index());
                if (matched != null) {
                    responses[e.index()] = writeResponse(matched, "200 OK");
                } else if (e.method() == HTTPVerb.POST) {
                    responses[e.index()] = writeResponse(
                            store.createLocked(e.resource(), assignedIds.get(e.index()), journal), "201 Created");
                } else {
                    responses[e.index()] = apply(e, journal);
                }
            }
        } catch (BaseServerResponseException ex) {
            store.rollback(journal);
            throw failure(current.label(), ex);
        } catch (RuntimeException ex) {
            store.rollback(journal);
            throw ex;
        }
        store.commitLocked(journal); // all of it durable, or (undone) none
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (BundleEntryComponent r : responses) {
            response.addEntry(r);
        }
        return response;
    }

    private static BaseServerResponseException failure(String where, BaseServerResponseException cause) {
        BaseServerResponseException e = BaseServerResponseException.newInstance(
                cause.getStatusCode(), "Transaction failed at " + where + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    private static String describe(int index, BundleEntryComponent entry) {
        String method = entry.getRequest().getMethod() == null
                ? "?"
                : entry.getRequest().getMethod().toCode();
        return "Bundle.entry[" + index + "] (" + method + " "
                + entry.getRequest().getUrl() + ")";
    }

    // ---------------------------------------------------------------------------------------- batch

    private Bundle batch(Bundle bundle) {
        BundleEntryComponent[] responses =
                new BundleEntryComponent[bundle.getEntry().size()];
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            try {
                entries.add(parse(i, bundle.getEntry().get(i)));
            } catch (BaseServerResponseException e) {
                responses[i] = errorResponse(e);
            }
        }
        for (Entry e : inProcessingOrder(entries)) {
            InMemoryPatientDataSource.Journal journal = new InMemoryPatientDataSource.Journal();
            try {
                if (e.method() == HTTPVerb.POST) {
                    WriteOutcome existing = store.conditionalMatchLocked(e.type(), e.ifNoneExist());
                    responses[e.index()] = existing != null
                            ? writeResponse(existing, "200 OK")
                            : writeResponse(
                                    store.createLocked(e.resource(), InMemoryPatientDataSource.newId(), journal),
                                    "201 Created");
                } else {
                    responses[e.index()] = apply(e, journal);
                }
                store.commitLocked(journal);
            } catch (BaseServerResponseException ex) {
                store.rollback(journal);
                responses[e.index()] = errorResponse(ex);
            }
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (BundleEntryComponent r : responses) {
            response.addEntry(r);
        }
        return response;
    }

    private static BundleEntryComponent errorResponse(BaseServerResponseException e) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(
                        e.getStatusCode() == 404 || e.getStatusCode() == 410
                                ? OperationOutcome.IssueType.NOTFOUND
                                : e.getStatusCode() == 409 || e.getStatusCode() == 412
                                        ? OperationOutcome.IssueType.CONFLICT
                                        : OperationOutcome.IssueType.INVALID)
                .setDiagnostics(e.getMessage());
        BundleEntryComponent entry = new BundleEntryComponent();
        entry.getResponse().setStatus(status(e.getStatusCode())).setOutcome(outcome);
        return entry;
    }

    // ---------------------------------------------------------------------------------------- entries

    /** DELETE, then POST, then PUT, then GET, each in Bundle order (FHIR R4 transaction processing rules). */
    private static List<Entry> inProcessingOrder(List<Entry> entries) {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt((Entry e) -> rank(e.method())).thenComparingInt(Entry::index));
        return ordered;
    }

    private static int rank(HTTPVerb method) {
        return switch (method) {
            case DELETE -> 0;
            case POST -> 1;
            case PUT -> 2;
            default -> 3;
        };
    }

    private BundleEntryComponent apply(Entry e, InMemoryPatientDataSource.Journal journal) {
        switch (e.method()) {
            case DELETE -> {
                WriteOutcome out = store.deleteLocked(e.type(), e.id(), e.ifMatch(), journal);
                BundleEntryComponent r = new BundleEntryComponent();
                r.getResponse()
                        .setStatus("204 No Content")
                        .setEtag(out.etag())
                        .setLastModified(Date.from(out.lastUpdated()));
                return r;
            }
            case PUT -> {
                WriteOutcome out = store.updateLocked(e.resource(), e.ifMatch(), journal);
                return writeResponse(out, out.created() ? "201 Created" : "200 OK");
            }
            case GET -> {
                return getResponse(e);
            }
            default -> throw new InvalidRequestException("Method " + e.method() + " is not supported here");
        }
    }

    private BundleEntryComponent getResponse(Entry e) {
        BundleEntryComponent r = new BundleEntryComponent();
        if (e.id() != null) {
            Resource found = e.versionId() != null
                    ? store.vreadLocked(e.type(), e.id(), e.versionId())
                    : store.readLocked(e.type(), e.id());
            r.setResource(found.copy());
            r.getResponse()
                    .setStatus("200 OK")
                    .setEtag("W/\"" + found.getMeta().getVersionId() + "\"")
                    .setLastModified(found.getMeta().getLastUpdated());
            return r;
        }
        SearchCriteria criteria = SearchParameters.parse(ctx, e.type(), e.query());
        List<Resource> found = store.searchLocked(e.type(), criteria);
        Bundle searchset = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        for (Resource m : found) {
            searchset
                    .addEntry()
                    .setFullUrl(m.fhirType() + "/" + m.getIdElement().getIdPart())
                    .setResource(m.copy())
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        r.setResource(searchset);
        r.getResponse().setStatus("200 OK");
        return r;
    }

    private static BundleEntryComponent writeResponse(WriteOutcome out, String status) {
        BundleEntryComponent r = new BundleEntryComponent();
        BundleEntryResponseComponent response = r.getResponse();
        response.setStatus(status)
                .setLocation(out.versionedId().getValue())
                .setEtag(out.etag())
                .setLastModified(Date.from(out.lastUpdated()));
        return r;
    }

    private Entry parse(int index, BundleEntryComponent entry) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        HTTPVerb method = request.getMethod();
        if (method == null || method == HTTPVerb.NULL) {
            throw new InvalidRequestException("request.method is missing");
        }
        String url = request.getUrl();
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("request.url is missing");
        }
        String path = relativePath(url.trim());
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        String[] parts = path.split("/");
        String type = parts[0];
        if (!ctx.getResourceTypes().contains(type)) {
            throw new InvalidRequestException("Unknown resource type in request.url '" + url + "'");
        }
        store.requireType(type);
        String id = null;
        String versionId = null;
        if (parts.length == 2 || parts.length == 4) {
            id = parts[1];
            InMemoryPatientDataSource.requireValidId(type, id);
        }
        if (parts.length == 4) {
            if (!"_history".equals(parts[2])) {
                throw new InvalidRequestException("Unsupported request.url '" + url + "'");
            }
            versionId = parts[3];
        }
        if (parts.length == 3 || parts.length > 4) {
            throw new InvalidRequestException("Unsupported request.url '" + url + "'");
        }

        Resource resource = entry.getResource();
        switch (method) {
            case POST -> {
                if (id != null || query != null) {
                    throw new InvalidRequestException("POST request.url must be the bare resource type");
                }
                resource = requireBody(resource, type);
            }
            case PUT -> {
                if (id == null || versionId != null) {
                    throw new InvalidRequestException(
                            "PUT request.url must be Type/id (conditional update is not supported)");
                }
                resource = requireBody(resource, type);
                String bodyId = resource.getIdElement().getIdPart();
                if (bodyId != null && !bodyId.equals(id)) {
                    throw new InvalidRequestException(
                            "The resource id " + bodyId + " does not match the request.url id " + id);
                }
                resource.setId(type + "/" + id);
            }
            case DELETE -> {
                if (id == null || versionId != null) {
                    throw new InvalidRequestException(
                            "DELETE request.url must be Type/id (conditional delete is not supported)");
                }
            }
            case GET -> {
                if (id != null && query != null) {
                    throw new InvalidRequestException("Unsupported request.url '" + url + "'");
                }
            }
            default -> throw new InvalidRequestException("Method " + method.toCode() + " is not supported");
        }
        String ifMatch = request.hasIfMatch() ? ETags.versionOf(request.getIfMatch()) : null;
        return new Entry(
                index,
                method,
                url,
                type,
                id,
                versionId,
                query,
                resource,
                entry.getFullUrl(),
                request.getIfNoneExist(),
                ifMatch);
    }

    private static Resource requireBody(Resource resource, String type) {
        if (resource == null) {
            throw new InvalidRequestException("The entry has no resource");
        }
        if (!type.equals(resource.fhirType())) {
            throw new InvalidRequestException(
                    "The entry resource is a " + resource.fhirType() + " but request.url names " + type);
        }
        return resource.copy();
    }

    /** Strips any base URL: {@code http://x/fhir/Patient/1} → {@code Patient/1}. */
    private String relativePath(String url) {
        if (!url.contains("://")) {
            return url.startsWith("/") ? url.substring(1) : url;
        }
        String noQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String[] segments = noQuery.split("/");
        int offset = 0;
        for (String segment : segments) {
            if (ctx.getResourceTypes().contains(segment)) {
                return url.substring(offset);
            }
            offset += segment.length() + 1;
        }
        throw new InvalidRequestException("request.url '" + url + "' names no resource type");
    }

    /** Points every reference to a Bundle fullUrl (urn:uuid: or absolute) at the id it was given. */
    private void rewriteReferences(Resource resource, Map<String, String> fullUrlToId) {
        FhirTerser terser = ctx.newTerser();
        for (Reference ref : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String value = ref.getReference();
            if (value == null) {
                continue;
            }
            String target = fullUrlToId.get(value);
            if (target != null) {
                ref.setReference(target);
            } else if (value.startsWith("urn:uuid:") || value.startsWith("urn:oid:")) {
                throw new InvalidRequestException(
                        "Reference " + value + " matches no fullUrl of an entry being created or updated");
            }
        }
    }

    static String status(int code) {
        return switch (code) {
            case 200 -> "200 OK";
            case 201 -> "201 Created";
            case 204 -> "204 No Content";
            case 400 -> "400 Bad Request";
            case 403 -> "403 Forbidden";
            case 404 -> "404 Not Found";
            case 405 -> "405 Method Not Allowed";
            case 409 -> "409 Conflict";
            case 410 -> "410 Gone";
            case 412 -> "412 Precondition Failed";
            case 422 -> "422 Unprocessable Entity";
            default -> Integer.toString(code);
        };
    }
}
