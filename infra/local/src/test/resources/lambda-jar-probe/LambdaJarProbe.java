import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Run by LambdaJarsTest as a source file in a JVM whose class path is one function jar and nothing
 * else: constructs the handler as Lambda does (public no-arg constructor, environment already set),
 * then loads every WISPbill class of the jar and resolves its methods' signatures, so a class or
 * dependency the jar lacks shows here rather than on the first invocation. Prints one line per
 * finding; the last line is "OK" when the handler was constructed.
 *
 * <p>The shared adapters module holds classes for every AWS SDK service module, and a function's jar
 * carries only the service modules its functions call: a class whose methods mention a service
 * module the jar leaves out entirely (e.g. the SNS alert publisher in a jar without SNS) is not a
 * finding. Calling it would fail, and the handler's constructor builds every client the function
 * uses, so a service module a function needs but lacks still shows here, at construction.
 */
public final class LambdaJarProbe {
    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String handler = args[1];
        List<String> findings = new ArrayList<>();
        ClassLoader loader = LambdaJarProbe.class.getClassLoader();
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.startsWith("com/wispbill/") || !name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(className, false, loader);
                    for (Method method : type.getDeclaredMethods()) {
                        if (method.getName().equals("main") && Modifier.isStatic(method.getModifiers())
                                && Modifier.isPublic(method.getModifiers())) {
                            findings.add("command-line main in a Lambda jar: " + className);
                        }
                    }
                } catch (LinkageError | ClassNotFoundException e) {
                    if (!mentionsAnSdkServiceTheJarLeavesOut(file, e)) {
                        findings.add("class " + className + " does not load from the jar alone: " + e);
                    }
                }
            }
        }
        findings.forEach(System.out::println);
        Object instance = Class.forName(handler, true, loader).getConstructor().newInstance();
        System.out.println("OK " + instance.getClass().getName());
    }

    /** The missing class is in an SDK service package ({@code software/amazon/awssdk/services/<name>/}) of which the jar has nothing. */
    private static boolean mentionsAnSdkServiceTheJarLeavesOut(JarFile jar, Throwable e) {
        String missing = String.valueOf(e.getMessage()).replace('.', '/');
        String prefix = "software/amazon/awssdk/services/";
        int at = missing.indexOf(prefix);
        if (at < 0) {
            return false;
        }
        int end = missing.indexOf('/', at + prefix.length());
        if (end < 0) {
            return false;
        }
        String servicePackage = missing.substring(at, end + 1);
        return jar.stream().noneMatch(entry -> entry.getName().startsWith(servicePackage));
    }
}
