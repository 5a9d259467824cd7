package dev.stratum.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository these tests run in: where its deployment files are, and what its code reads. */
final class Repository {
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern ENV_NAME = Pattern.compile("\\b((?:STRATUM|OTEL)_[A-Z0-9_]+)\\b");

    private Repository() {}

    /** The repository root: the nearest directory above the working directory that holds the root pom and deploy/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with deploy/ above " + Path.of("").toAbsolutePath());
    }

    /**
     * Every environment variable name ({@code STRATUM_*}, {@code OTEL_*}) that appears in a string literal of the
     * main sources of any module: the names Stratum can read.
     */
    static Set<String> environmentVariablesReadByCode() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root())) {
            for (Path file : files.filter(Repository::isMainJavaSource).toList()) {
                Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    Matcher name = ENV_NAME.matcher(literal.group(1));
                    while (name.find()) {
                        names.add(name.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static boolean isMainJavaSource(Path file) {
        String path = root().relativize(file).toString().replace('\\', '/');
        return path.matches("stratum-[a-z-]+/src/main/java/.+\\.java");
    }
}
