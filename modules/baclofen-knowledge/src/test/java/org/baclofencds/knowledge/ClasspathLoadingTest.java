package org.baclofencds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader must find the resources inside a jar as well as in a directory (the shaded jar case). */
class ClasspathLoadingTest {

    private static final String DEVICE = "{\"resourceType\":\"Device\",\"id\":\"d1\",\"status\":\"active\"}";
    private static final String VALUE_SET = "{\"resourceType\":\"ValueSet\",\"id\":\"v1\","
            + "\"url\":\"http://example.org/v1\",\"status\":\"active\",\"compose\":{\"include\":"
            + "[{\"system\":\"http://loinc.org\",\"concept\":[{\"code\":\"1-8\"}]}]}}";

    @TempDir
    Path tmp;

    @Test
    void listsJsonFilesInsideAJar() throws IOException {
        Path jar = jar(Map.of(
                "fhir-resources/a/Device-d1.json",
                DEVICE,
                "fhir-resources/ValueSet-v1.json",
                VALUE_SET,
                "fhir-resources/readme.txt",
                "not json",
                "other/Device-x.json",
                DEVICE));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ClasspathResources.list(loader, "fhir-resources", ".json"))
                    .extracting(ClasspathResources.Entry::name)
                    .containsExactly("fhir-resources/ValueSet-v1.json", "fhir-resources/a/Device-d1.json");
        }
    }

    @Test
    void listsJsonFilesInADirectory() throws IOException {
        Path root = tmp.resolve("classes");
        Files.createDirectories(root.resolve("fhir-resources/sub"));
        Files.writeString(root.resolve("fhir-resources/sub/Device-d1.json"), DEVICE);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(ClasspathResources.list(loader, "fhir-resources", ".json"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.name()).isEqualTo("fhir-resources/sub/Device-d1.json");
                        assertThat(e.text()).isEqualTo(DEVICE);
                    });
        }
    }

    @Test
    void loadsKnowledgeFromAJarOnTheContextClassLoader() throws IOException {
        Path jar = jar(Map.of("fhir-resources/Device-d1.json", DEVICE, "fhir-resources/ValueSet-v1.json", VALUE_SET));
        Knowledge k = withContextLoader(jar, () -> Knowledge.loadFromClasspath(FhirContext.forR4()));
        assertThat(k.resources()).hasSize(2);
        assertThat(k.inValueSet("http://example.org/v1", "http://loinc.org", "1-8"))
                .isTrue();
    }

    @Test
    void namesTheFileThatDoesNotParse() throws IOException {
        Path jar = jar(Map.of("fhir-resources/Device-d1.json", DEVICE, "fhir-resources/Broken-x.json", "{ nope"));
        assertThatThrownBy(() -> withContextLoader(jar, () -> Knowledge.loadFromClasspath(FhirContext.forR4())))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("fhir-resources/Broken-x.json");
    }

    @Test
    void rejectsAFileWithAnUnknownElement() throws IOException {
        Path jar = jar(Map.of(
                "fhir-resources/Device-d2.json", "{\"resourceType\":\"Device\",\"id\":\"d2\",\"statuss\":\"active\"}"));
        assertThatThrownBy(() -> withContextLoader(jar, () -> Knowledge.loadFromClasspath(FhirContext.forR4())))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("fhir-resources/Device-d2.json");
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = Files.createTempFile(tmp, "knowledge", ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(out)) {
            jos.putNextEntry(new JarEntry("fhir-resources/"));
            jos.closeEntry();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jos.putNextEntry(new JarEntry(e.getKey()));
                jos.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static <T> T withContextLoader(Path jar, java.util.function.Supplier<T> action) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
