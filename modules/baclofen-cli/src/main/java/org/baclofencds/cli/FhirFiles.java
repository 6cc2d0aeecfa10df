package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.baclofencds.server.store.FhirJson;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR files as {@code load} reads them: JSON, XML and NDJSON, parsed strictly (an unknown element or a bad
 * value is an error, not a warning), each turned into what is sent to the server.
 */
final class FhirFiles {
    private FhirFiles() {}

    /** One request to make: a transaction or batch Bundle, or one loose resource (PUT with an id, else POST). */
    record Unit(String where, Bundle bundle, Resource resource) {
        /** How many resources it writes. */
        int resourceCount() {
            if (resource != null) {
                return 1;
            }
            int n = 0;
            for (BundleEntryComponent e : bundle.getEntry()) {
                if (e.getResource() != null) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A file that cannot be read or parsed; the message says where and why. */
    static final class BadFileException extends RuntimeException {
        BadFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Files first as given, directories walked recursively for *.json, *.xml and *.ndjson in name order. */
    static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                out.add(path); // a missing file fails when read, with the others still loaded
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(FhirFiles::isFhirFileName)
                        .sorted()
                        .forEach(out::add);
            } catch (IOException | UncheckedIOException e) {
                throw new BadFileException("cannot list " + path + ": " + Problems.reason(e), e);
            }
        }
        return out;
    }

    static boolean isFhirFileName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".xml") || name.endsWith(".ndjson");
    }

    /**
     * The units of a file; an empty list for a JSON file that is not FHIR data (no {@code resourceType}, or an
     * operation's {@code Parameters} body; e.g. an
     * index of expected results).
     *
     * @throws BadFileException naming the file (and line, for NDJSON) when it cannot be read or parsed
     */
    static List<Unit> read(FhirContext ctx, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new BadFileException("cannot read " + file + ": " + Problems.reason(e), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Unit> units = new ArrayList<>();
        if (name.endsWith(".ndjson")) {
            IParser parser = strict(ctx.newJsonParser());
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    units.add(unit(file + ":" + (i + 1), parse(parser, lines[i], file + " line " + (i + 1))));
                }
            }
            return units;
        }
        IParser parser;
        if (name.endsWith(".xml")) {
            parser = strict(ctx.newXmlParser());
        } else {
            if (!FhirJson.isData(text)) {
                // not FHIR data: expected-alerts.json, CDS Hooks requests (examples/cds-hooks), operation bodies
                // (examples/parameters)
                return units;
            }
            parser = strict(ctx.newJsonParser());
        }
        units.add(unit(file.toString(), parse(parser, text, file.toString())));
        return units;
    }

    private static IParser strict(IParser parser) {
        return parser.setParserErrorHandler(new StrictErrorHandler());
    }

    private static IBaseResource parse(IParser parser, String text, String where) {
        try {
            return parser.parseResource(text);
        } catch (DataFormatException e) {
            throw new BadFileException("cannot parse " + where + ": " + e.getMessage(), e);
        }
    }

    private static Unit unit(String where, IBaseResource parsed) {
        if (parsed instanceof Bundle bundle) {
            if (bundle.getType() == Bundle.BundleType.TRANSACTION || bundle.getType() == Bundle.BundleType.BATCH) {
                checkRequests(where, bundle);
                return new Unit(where, bundle, null);
            }
            return new Unit(where, asTransaction(bundle), null);
        }
        if (parsed instanceof Resource resource) {
            return new Unit(where, null, resource);
        }
        throw new BadFileException(where + " is not an R4 resource", null);
    }

    /** Every entry of a transaction or batch says what to do, or the server would reject the whole Bundle. */
    private static void checkRequests(String where, Bundle bundle) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent e = bundle.getEntry().get(i);
            if (!e.getRequest().hasMethod() || !e.getRequest().hasUrl()) {
                throw new BadFileException(
                        where + ": Bundle.entry[" + i + "] has no request method and url (a "
                                + bundle.getType().toCode() + " needs both)",
                        null);
            }
        }
    }

    /** A collection (or any other non-transaction Bundle) as a transaction: PUT what has an id, POST the rest. */
    static Bundle asTransaction(Bundle bundle) {
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
