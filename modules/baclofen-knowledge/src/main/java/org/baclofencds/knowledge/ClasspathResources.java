package org.baclofencds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and reads the files of one classpath folder, whether the folder lies in a directory (IDE, Maven
 * reactor) or in a jar (module jar, shaded distribution jar).
 *
 * <p>Written here rather than taken from a library: the JDK has no classpath listing, HAPI FHIR none either, and the
 * libraries that do it (Spring's resource resolver, ClassGraph) are on the classpath of only one of the three places
 * this runs (the JPA server plugin), so using one would add a dependency to the standalone server and the CLI for
 * one folder of 47 files.
 */
final class ClasspathResources {
    private ClasspathResources() {}

    /** A file found under the folder: its path relative to the classpath root and its UTF-8 text. */
    record Entry(String name, String text) {}

    /**
     * Every file under {@code folder} whose name ends with {@code suffix}, sorted by name. When several
     * classpath roots hold the same name (e.g. target/classes and a jar), the first root wins.
     */
    static List<Entry> list(ClassLoader loader, String folder, String suffix) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Map<String, Entry> byName = new LinkedHashMap<>();
        try {
            List<URL> roots = new ArrayList<>();
            for (String probe : List.of(prefix, prefix.substring(0, prefix.length() - 1))) {
                Enumeration<URL> found = loader.getResources(probe);
                while (found.hasMoreElements()) {
                    URL url = found.nextElement();
                    if (!roots.contains(url)) {
                        roots.add(url);
                    }
                }
            }
            for (URL root : roots) {
                collect(root, prefix, suffix, byName);
            }
            // A jar written without directory entries answers no getResources() for the folder; the jar
            // holding this class (the module jar or the shaded jar) is then scanned directly.
            Path ownJar = ownJar();
            if (ownJar != null) {
                try (JarFile jar = new JarFile(ownJar.toFile())) {
                    collectJar(jar, prefix, suffix, byName);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list classpath folder " + prefix, e);
        }
        return byName.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    private static void collect(URL root, String prefix, String suffix, Map<String, Entry> byName) throws IOException {
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Paths.get(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("Bad classpath URL " + root, e);
                }
                if (!Files.isDirectory(dir)) {
                    return;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(suffix))
                            .sorted()
                            .toList()) {
                        String name = prefix
                                + dir.relativize(file)
                                        .toString()
                                        .replace(file.getFileSystem().getSeparator(), "/");
                        byName.putIfAbsent(name, new Entry(name, Files.readString(file, StandardCharsets.UTF_8)));
                    }
                }
            }
            case "jar" -> {
                // jar:file:/path/x.jar!/fhir-resources/ -> open /path/x.jar directly: no URLConnection (the
                // purity rule bans java.net connections here) and no JVM-wide jar cache left open.
                String spec = root.getPath();
                int bang = spec.indexOf("!/");
                if (bang < 0) {
                    throw new IOException("Unsupported jar URL " + root);
                }
                Path jarPath;
                try {
                    jarPath = Paths.get(new URI(spec.substring(0, bang)));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IOException("Unsupported jar URL " + root, e);
                }
                try (JarFile jar = new JarFile(jarPath.toFile())) {
                    collectJar(jar, prefix, suffix, byName);
                }
            }
            default -> throw new IOException("Unsupported classpath URL " + root);
        }
    }

    private static void collectJar(JarFile jar, String prefix, String suffix, Map<String, Entry> byName)
            throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(suffix)) {
                if (byName.containsKey(name)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    byName.put(name, new Entry(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static Path ownJar() {
        CodeSource source = ClasspathResources.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Paths.get(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
