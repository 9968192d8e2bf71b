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
                    findings.add("class " + className + " does not load from the jar alone: " + e);
                }
            }
        }
        findings.forEach(System.out::println);
        Object instance = Class.forName(handler, true, loader).getConstructor().newInstance();
        System.out.println("OK " + instance.getClass().getName());
    }
}
