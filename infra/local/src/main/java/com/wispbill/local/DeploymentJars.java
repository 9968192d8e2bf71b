package com.wispbill.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * What is asked of a function's deployable jar (template.yaml's {@code CodeUri}): at most
 * {@link #SIZE_LIMIT_BYTES} unless it carries the PDF library the voucher sheets need. Kept by a test
 * ({@code LambdaJarsTest}) and reported by the cold start bench.
 */
public final class DeploymentJars {
    /** Issue 15's goal for a jar of a function that prints no PDF. */
    public static final long SIZE_LIMIT_BYTES = 12_000_000;

    private DeploymentJars() {
    }

    /** Whether {@code jar} carries the PDF library (PDFBox), whose jars have no size limit. */
    public static boolean carriesPdfLibrary(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().startsWith("org/apache/pdfbox/"));
        }
    }
}
