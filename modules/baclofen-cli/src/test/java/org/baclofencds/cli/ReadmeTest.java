package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's module table and the module READMEs stay in step with the build (STYLE.md). */
class ReadmeTest {

    private static final Path ROOT = Path.of(System.getProperty("baclofen.examples.dir", "../../examples"))
            .toAbsolutePath()
            .normalize()
            .getParent();

    @Test
    void everyModuleIsInTheReadmeTableAndHasItsOwnReadme() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>modules/([^<]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).contains("baclofen-knowledge", "baclofen-rules", "baclofen-server", "baclofen-cli");
        for (String module : modules) {
            assertThat(readme).as("README module table row for " + module).contains("| [`" + module + "`]");
            assertThat(ROOT.resolve("modules").resolve(module).resolve("README.md"))
                    .as("README of " + module)
                    .exists();
        }
    }

    @Test
    void readmeStartsWithTheTwoQuickStartCommands() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme)
                .contains("java -jar modules/baclofen-cli/target/baclofen-cds.jar serve --load examples")
                .contains("mvn -B verify");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("mvn -B verify");
    }

    /** The repository stands alone: the design notes it grew from are not part of it. */
    @Test
    void noDocumentPointsOutsideTheRepositoryAndEveryRelativeLinkResolves() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("examples/README.md")));
        try (var modules = Files.list(ROOT.resolve("modules"))) {
            modules.map(m -> m.resolve("README.md")).filter(Files::exists).forEach(documents::add);
        }
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        assertThat(ROOT.resolve("docs/README.md")).exists();
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path doc : documents) {
            String text = Files.readString(doc);
            assertThat(text).as(doc + " names no file of shared/").doesNotContain("shared/");
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = doc.getParent().resolve(target).normalize();
                // api.md and clinical-policy.md come with the clinical issue's branch.
                if (!Files.exists(resolved) && (target.endsWith("api.md") || target.endsWith("clinical-policy.md"))) {
                    continue;
                }
                assertThat(resolved).as("link " + target + " in " + doc).exists();
            }
        }
        try (var web = Files.list(ROOT.resolve("modules/baclofen-server/src/main/resources/web"))) {
            for (Path page : web.toList()) {
                assertThat(Files.readString(page)).as(page.toString()).doesNotContain("shared/");
            }
        }
    }
}
