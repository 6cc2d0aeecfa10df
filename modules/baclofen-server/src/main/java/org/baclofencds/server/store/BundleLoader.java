package org.baclofencds.server.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads FHIR JSON files into a {@link PatientDataSource}: transaction and batch Bundles as they are, other
 * Bundles (collection, searchset, document) as one transaction of their entries, single resources by PUT when
 * they have an id and by POST when not.
 *
 * <p>Loading seeds: a resource with an id that the source already holds (or held: deleted) is left as it is, so
 * {@code serve --load} on a data directory that already has the files changes nothing, and never undoes what was
 * changed at run time; a load cut short (a crash) is completed by the next one.
 */
public final class BundleLoader {

    private final FhirContext ctx;
    private final IParser parser;
    private final PatientDataSource target;

    public BundleLoader(FhirContext ctx, PatientDataSource target) {
        this.ctx = ctx;
        this.parser = ctx.newJsonParser();
        this.target = target;
    }

    /** Whether the source holds, or held, {@code type/id}. */
    private boolean held(String type, String id) {
        if (!target.resourceTypes().contains(type)) {
            return false; // the write will say why it is refused
        }
        try {
            target.read(ctx.getResourceDefinition(type).getImplementingClass().asSubclass(Resource.class), id);
            return true;
        } catch (ResourceGoneException e) {
            return true;
        } catch (ResourceNotFoundException | InvalidRequestException e) {
            return false;
        }
    }

    /**
     * What was loaded.
     *
     * @param files the FHIR files loaded, in load order
     * @param skipped JSON files that are not FHIR data (no {@code resourceType}, e.g. expected-result files and CDS
     *     Hooks requests, or an operation's {@code Parameters} body)
     * @param resourcesByType how many resources of each type were created or updated
     */
    public record LoadResult(List<Path> files, List<Path> skipped, Map<String, Integer> resourcesByType) {
        public LoadResult {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
            resourcesByType = java.util.Collections.unmodifiableMap(new TreeMap<>(resourcesByType));
        }

        public int resourceCount() {
            return resourcesByType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A file could not be loaded; the message names the file and the reason. */
    public static final class LoadException extends RuntimeException {
        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Loads every file, and every {@code *.json} file under every directory (recursively, in name order).
     *
     * @throws LoadException naming the first file that is missing, unparseable or rejected; files before it
     *     stay loaded, and a failing transaction Bundle leaves nothing of itself behind
     */
    public LoadResult load(List<Path> paths) {
        List<Path> loaded = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Path path : paths) {
            for (Path file : expand(path)) {
                if (loadFile(file, counts)) {
                    loaded.add(file);
                } else {
                    skipped.add(file);
                }
            }
        }
        return new LoadResult(loaded, skipped, counts);
    }

    private static List<Path> expand(Path path) {
        if (!Files.exists(path)) {
            throw new LoadException("No such file or directory: " + path, null);
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LoadException("Cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean loadFile(Path file, Map<String, Integer> counts) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new LoadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!FhirJson.isData(text)) {
            // not FHIR, a CDS Hooks request (examples/cds-hooks) that carries FHIR inside, or an operation's
            // Parameters body (examples/parameters)
            return false;
        }
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(text);
        } catch (DataFormatException e) {
            throw new LoadException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
        try {
            if (parsed instanceof Bundle bundle) {
                loadBundle(file, bundle, counts);
            } else if (parsed instanceof Resource resource) {
                boolean hasId = resource.getIdElement().hasIdPart();
                if (!hasId || !held(resource.fhirType(), resource.getIdElement().getIdPart())) {
                    WriteOutcome out = hasId ? target.update(resource) : target.create(resource);
                    counts.merge(out.resourceType(), 1, Integer::sum);
                }
            } else {
                throw new LoadException(file + " is not an R4 resource", null);
            }
        } catch (BaseServerResponseException e) {
            throw new LoadException("Cannot load " + file + ": " + e.getMessage(), e);
        }
        return true;
    }

    private void loadBundle(Path file, Bundle bundle, Map<String, Integer> counts) {
        Bundle request = bundle;
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
            request = asTransaction(bundle);
        }
        request = withoutHeld(request);
        if (request.getEntry().isEmpty()) {
            return;
        }
        Bundle response = target.transaction(request);
        for (int i = 0; i < request.getEntry().size(); i++) {
            BundleEntryComponent entry = request.getEntry().get(i);
            String status = i < response.getEntry().size()
                    ? response.getEntry().get(i).getResponse().getStatus()
                    : null;
            if (status == null || !status.startsWith("2")) {
                String detail = i < response.getEntry().size()
                                && response.getEntry().get(i).getResponse().getOutcome()
                                        instanceof org.hl7.fhir.r4.model.OperationOutcome oo
                                && oo.hasIssue()
                        ? ": " + oo.getIssueFirstRep().getDiagnostics()
                        : "";
                throw new LoadException(
                        "Cannot load " + file + ": Bundle.entry[" + i + "] answered " + status + detail, null);
            }
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            if ((method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT) && entry.getResource() != null) {
                counts.merge(entry.getResource().fhirType(), 1, Integer::sum);
            }
        }
    }

    /** The request without its PUTs of resources the source holds (or held). */
    private Bundle withoutHeld(Bundle request) {
        Bundle kept = request.copy();
        kept.getEntry().removeIf(e -> {
            Resource r = e.getResource();
            return e.getRequest().getMethod() == Bundle.HTTPVerb.PUT
                    && r != null
                    && r.getIdElement().hasIdPart()
                    && held(r.fhirType(), r.getIdElement().getIdPart());
        });
        return kept;
    }

    private static Bundle asTransaction(Bundle bundle) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            BundleEntryComponent copy =
                    tx.addEntry().setFullUrl(entry.getFullUrl()).setResource(r);
            if (r.getIdElement().hasIdPart()) {
                String ref = r.fhirType() + "/" + r.getIdElement().getIdPart();
                copy.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(ref);
                if (!copy.hasFullUrl()) {
                    copy.setFullUrl(ref);
                }
            } else {
                copy.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
            }
        }
        return tx;
    }
}
