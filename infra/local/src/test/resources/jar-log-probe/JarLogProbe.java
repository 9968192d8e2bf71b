import java.lang.reflect.Method;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Run with a function's shaded jar as the only class path ({@code java -cp x-lambda.jar JarLogProbe.java
 * names...}): for each argument, a class name from the jar, logs one WARN on that class's logger and,
 * if the class is a security log (implements an interface named SecurityLog), calls its refused(...)
 * with placeholder values. First, under the correlation id "probe-correlation", the AWS SDK's own
 * logger wrapper logs an INFO (below the libraries' level) and a WARN with an exception. Whatever the
 * jar's logging backend makes of that goes to stdout. Last, one metric with a dimension through the
 * functions' metrics adapter (an embedded-metric-format line on stdout, as in Lambda).
 */
public class JarLogProbe {
    public static void main(String[] args) throws Exception {
        MDC.put("correlation_id", "probe-correlation");
        software.amazon.awssdk.utils.Logger sdk = software.amazon.awssdk.utils.Logger.loggerFor("software.amazon.awssdk.JarLogProbe");
        sdk.info(() -> "jar log probe INFO from the AWS SDK");
        sdk.warn(() -> "jar log probe WARN from the AWS SDK", new IllegalStateException("probe failure"));
        MDC.clear();
        for (String name : args) {
            Class<?> type = Class.forName(name);
            if (isSecurityLog(type)) {
                Object log = type.getConstructor().newInstance();
                for (Method m : type.getMethods()) {
                    if (m.getName().equals("refused")) {
                        m.invoke(log, placeholders(m.getParameterTypes()));
                    }
                }
            } else {
                LoggerFactory.getLogger(type).warn("jar log probe WARN from {}", name);
            }
        }
        new com.wispbill.adapters.metrics.EmfMetricLines("WISPbillProbe", java.time.Clock.systemUTC(),
                com.wispbill.adapters.logging.LogOutput.standardOutput())
                .record(com.wispbill.domain.metrics.Metric.ROUTER_COMMANDS_FAILED, 3, java.util.Map.of("RouterId", "rtr_probe"));
    }

    private static boolean isSecurityLog(Class<?> type) {
        if (type.isInterface()) {
            return false;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (i.getSimpleName().equals("SecurityLog")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object[] placeholders(Class<?>[] types) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = types[i].isEnum() ? types[i].getEnumConstants()[0] : "probe";
        }
        return values;
    }
}
