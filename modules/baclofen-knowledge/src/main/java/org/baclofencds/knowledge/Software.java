package org.baclofencds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The name, version and publisher of baclofen-cds, as the build wrote them: what the CapabilityStatement,
 * the FHIR package and the command line say about the software.
 *
 * @param name the software's name
 * @param version the project version of this build
 * @param publisher who publishes the software and its knowledge
 */
public record Software(String name, String version, String publisher) {

    private static final Software CURRENT = load();

    /** This build. */
    public static Software current() {
        return CURRENT;
    }

    /**
     * The version without Maven's {@code -SNAPSHOT} suffix: the release a build leads to, and the version the
     * published resources carry. FHIR package tools accept only such plain versions.
     */
    public String releaseVersion() {
        return version.endsWith("-SNAPSHOT") ? version.substring(0, version.length() - "-SNAPSHOT".length()) : version;
    }

    private static Software load() {
        Properties p = new Properties();
        try (InputStream in = Software.class.getResourceAsStream("software.properties")) {
            if (in == null) {
                throw new KnowledgeException("software.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Software(p.getProperty("name"), p.getProperty("version"), p.getProperty("publisher"));
    }
}
