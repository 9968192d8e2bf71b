package com.wispbill.local.stack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes sqlite4java's native library (DynamoDB Local stores tables in SQLite) loadable.
 *
 * <p>sqlite4java reads the directory from the system property {@code sqlite4java.library.path}
 * once, when it first loads. Under surefire the parent pom points it at {@code target/native-libs},
 * where the build copied the library. Other launches (an IDE, plain java) may have no
 * such property, so we look for the library in the working module's {@code target/native-libs} and
 * then in the local Maven repository, and copy it to a private temporary directory under the file
 * name sqlite4java looks for.
 */
final class Sqlite4JavaNatives {

    static final String PROPERTY = "sqlite4java.library.path";
    private static final String DEFAULT_VERSION = "1.0.392";

    private Sqlite4JavaNatives() {
    }

    /** Ensures {@link #PROPERTY} points at a directory holding the library for this platform. */
    static synchronized void ensureConfigured() {
        String libraryFile = libraryFileName(version());
        String configured = System.getProperty(PROPERTY);
        if (configured != null && Files.isRegularFile(Path.of(configured, libraryFile))) {
            return;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("user.dir"), "target", "native-libs", libraryFile));
        for (Path repository : mavenRepositories()) {
            candidates.add(repository.resolve(Path.of("com", "almworks", "sqlite4java", artifactId(), version(), libraryFile)));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                System.setProperty(PROPERTY, copyToPrivateDirectory(candidate, libraryFile).toString());
                return;
            }
        }
        throw new StackException("DynamoDB Local needs sqlite4java's native library " + libraryFile
                + " and it was found neither in " + PROPERTY + "=" + configured + " nor in " + candidates
                + ". Run 'mvn install' once (it copies the library to target/native-libs) or set " + PROPERTY + ".");
    }

    private static Path copyToPrivateDirectory(Path library, String fileName) {
        try {
            Path directory = Files.createTempDirectory("wispbill-sqlite4java-");
            Path target = directory.resolve(fileName);
            Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new StackException("Cannot copy " + library + " to a temporary directory: " + e.getMessage(), e);
        }
    }

    /** sqlite4java's own naming: lib + sqlite4java-OS-ARCH-VERSION + platform suffix. */
    private static String libraryFileName(String version) {
        return System.mapLibraryName(artifactId().substring(artifactId().startsWith("lib") ? 3 : 0) + "-" + version);
    }

    private static String artifactId() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return "libsqlite4java-osx";
        }
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "libsqlite4java-linux-amd64";
        }
        if (os.contains("windows") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "sqlite4java-win32-x64";
        }
        throw new StackException("sqlite4java " + DEFAULT_VERSION + " (DynamoDB Local's storage) has no native library for "
                + os + "/" + arch);
    }

    /** The sqlite4java version on the classpath (its jar sits in the Maven repository layout). */
    private static String version() {
        Path jar = sqlite4javaJar();
        if (jar != null && jar.getParent() != null && jar.getParent().getFileName() != null) {
            return jar.getParent().getFileName().toString();
        }
        return DEFAULT_VERSION;
    }

    private static List<Path> mavenRepositories() {
        List<Path> repositories = new ArrayList<>();
        Path jar = sqlite4javaJar();
        // .../com/almworks/sqlite4java/sqlite4java/VERSION/sqlite4java-VERSION.jar -> repository root
        if (jar != null && jar.getNameCount() >= 6) {
            repositories.add(jar.getParent().getParent().getParent().getParent().getParent().getParent());
        }
        String configured = System.getProperty("maven.repo.local");
        if (configured != null) {
            repositories.add(Path.of(configured));
        }
        repositories.add(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return repositories;
    }

    private static Path sqlite4javaJar() {
        try {
            Class<?> sqlite = Class.forName("com.almworks.sqlite4java.SQLite", false, Sqlite4JavaNatives.class.getClassLoader());
            var source = sqlite.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
