package org.baclofencds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.util.FhirTerser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Writes the published knowledge as an NPM-format FHIR package ({@code package.tgz}): {@code package/package.json},
 * {@code package/.index.json} and every file of {@code fhir-resources/} unchanged under {@code package/}, so FHIR
 * servers and IG tools can load it. Run by the build (exec-maven-plugin, {@code process-classes}); plain Java,
 * no npm.
 */
public final class FhirPackageWriter {

    /** The package's name in FHIR package registries. */
    public static final String PACKAGE_NAME = "org.baclofencds.knowledge";

    static final String FHIR_VERSION = "4.0.1";
    private static final int BLOCK = 512;

    private FhirPackageWriter() {}

    /** {@code FhirPackageWriter <fhir-resources dir> <output .tgz> <ISO timestamp for the entries>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: FhirPackageWriter <fhir-resources dir> <package.tgz> <entry timestamp, ISO-8601>");
        }
        Path out = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (OutputStream os = Files.newOutputStream(partial)) {
            write(FhirContext.forR4Cached(), Path.of(args[0]), Software.current(), Instant.parse(args[2]), os);
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes the package of every {@code *.json} resource in {@code resourcesDir}.
     *
     * @param entryTime the modification time of every entry, fixed so that the same input gives the same bytes
     * @throws KnowledgeException naming the file when a file is not a strict-valid R4 resource with an id
     */
    public static void write(FhirContext ctx, Path resourcesDir, Software software, Instant entryTime, OutputStream os)
            throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(resourcesDir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new KnowledgeException("No *.json resources in " + resourcesDir);
        }
        IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        FhirTerser terser = ctx.newTerser();
        List<String> index = new ArrayList<>();
        for (Path file : files) {
            IBaseResource r;
            try {
                r = parser.parseResource(Files.readString(file, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new KnowledgeException("Cannot parse " + file + ": " + e.getMessage(), e);
            }
            if (!r.getIdElement().hasIdPart()) {
                throw new KnowledgeException(file + " has no id");
            }
            StringBuilder entry = new StringBuilder("    {")
                    .append(field("filename", file.getFileName().toString()))
                    .append(',')
                    .append(field("resourceType", ctx.getResourceType(r)))
                    .append(',')
                    .append(field("id", r.getIdElement().getIdPart()));
            for (String element : List.of("url", "version", "kind", "type")) {
                // url and version only of canonical resources (Device.url is an address, not a canonical).
                boolean canonical = r instanceof org.hl7.fhir.r4.model.MetadataResource;
                if ((!canonical && (element.equals("url") || element.equals("version")))
                        || ctx.getResourceDefinition(r).getChildByName(element) == null) {
                    continue;
                }
                String value = terser.getSinglePrimitiveValueOrNull(r, element);
                if (value != null) {
                    entry.append(',').append(field(element, value));
                }
            }
            index.add(entry.append('}').toString());
        }
        String indexJson = "{\n  \"index-version\": 1,\n  \"files\": [\n" + String.join(",\n", index) + "\n  ]\n}\n";
        String packageJson = "{\n"
                + "  " + field("name", PACKAGE_NAME) + ",\n"
                + "  " + field("version", software.releaseVersion()) + ",\n"
                + "  " + field("type", "fhir.ig") + ",\n"
                + "  \"fhirVersions\": [\"" + FHIR_VERSION + "\"],\n"
                + "  " + field("canonical", "http://baclofen-cds.org/fhir") + ",\n"
                + "  " + field("title", "baclofen-cds knowledge") + ",\n"
                + "  "
                + field(
                        "description",
                        "The baclofen products (MedicationKnowledge), value sets, alert code system and"
                                + " $baclofen-check OperationDefinition published by baclofen-cds.")
                + ",\n"
                + "  " + field("author", software.publisher()) + ",\n"
                + "  " + field("license", "Apache-2.0") + ",\n"
                + "  \"dependencies\": {\"hl7.fhir.r4.core\": \"" + FHIR_VERSION + "\"}\n"
                + "}\n";

        long mtime = entryTime.getEpochSecond();
        try (GZIPOutputStream gz = new GZIPOutputStream(os)) {
            tarEntry(gz, "package/package.json", packageJson.getBytes(StandardCharsets.UTF_8), mtime);
            tarEntry(gz, "package/.index.json", indexJson.getBytes(StandardCharsets.UTF_8), mtime);
            for (Path file : files) {
                tarEntry(gz, "package/" + file.getFileName(), Files.readAllBytes(file), mtime);
            }
            gz.write(new byte[2 * BLOCK]); // end of archive
        }
    }

    private static String field(String name, String value) {
        return "\"" + name + "\": \"" + jsonEscape(value) + "\"";
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** One regular file in POSIX ustar format: a 512-byte header, the content, padding to 512. */
    private static void tarEntry(OutputStream out, String name, byte[] content, long mtime) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new KnowledgeException("File name too long for the package: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, content.length);
        octal(h, 136, 12, mtime);
        h[156] = '0';
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        out.write(h);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    /** {@code width - 1} zero-padded octal digits and a NUL. */
    private static void octal(byte[] h, int offset, int width, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > width - 1) {
            throw new KnowledgeException("Value too large for a tar header: " + value);
        }
        ascii(h, offset, "0".repeat(width - 1 - s.length()) + s + "\0");
    }

    private static void ascii(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    /** The package's bytes, for tests. */
    static byte[] bytes(FhirContext ctx, Path resourcesDir, Instant entryTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(ctx, resourcesDir, Software.current(), entryTime, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
