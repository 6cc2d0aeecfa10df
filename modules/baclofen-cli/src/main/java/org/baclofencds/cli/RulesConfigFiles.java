package org.baclofencds.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.baclofencds.rules.RulesConfig;

/** Reads the {@code --rules-config} file (the rules module does no I/O). */
final class RulesConfigFiles {
    private RulesConfigFiles() {}

    /** The settings of {@code file}, or the defaults (everything on) when no file is given. */
    static RulesConfig read(Path file) {
        if (file == null) {
            return RulesConfig.defaults();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read rules config " + file + ": " + e.getMessage(), e);
        }
        try {
            return RulesConfig.fromProperties(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Rules config " + file + ": " + e.getMessage(), e);
        }
    }
}
