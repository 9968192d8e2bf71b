package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls a handler the way the Lambda Java runtime does: a {@link RequestHandler} gets its declared
 * input type, a {@link RequestStreamHandler} (or a {@code (InputStream, OutputStream, Context)}
 * method) gets the event's JSON bytes, and any other class is called through the named method
 * ({@code (input, Context)} or {@code (input)}).
 *
 * <p>Events are built as the typed aws-lambda-java-events objects (what handlers here declare) and
 * can also be rendered as the JSON Lambda sends; a handler declaring another input type (a Map, a
 * POJO) gets that JSON converted with Jackson.
 */
final class LambdaHandler {

    private enum Style { REQUEST_HANDLER, STREAM, METHOD }

    private final Object instance;
    private final Style style;
    private final Method method;
    private final Class<?> inputType;
    private final boolean takesContext;

    private LambdaHandler(Object instance, Style style, Method method, Class<?> inputType, boolean takesContext) {
        this.instance = instance;
        this.style = style;
        this.method = method;
        this.inputType = inputType;
        this.takesContext = takesContext;
    }

    /** Loads and instantiates {@code com.x.Y::method} (method defaults to handleRequest). */
    static LambdaHandler load(String handlerSpec, ClassLoader loader) throws ReflectiveOperationException {
        int separator = handlerSpec.indexOf("::");
        String className = separator < 0 ? handlerSpec : handlerSpec.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handlerSpec.substring(separator + 2);
        Class<?> type = Class.forName(className, true, loader);
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return forMethod(constructor.newInstance(), methodName);
    }

    /** Wraps an instance a test registered. */
    static LambdaHandler of(Object instance) {
        return forMethod(instance, "handleRequest");
    }

    Class<?> handlerClass() {
        return instance.getClass();
    }

    private static LambdaHandler forMethod(Object instance, String methodName) {
        if (methodName.equals("handleRequest") && instance instanceof RequestStreamHandler) {
            return new LambdaHandler(instance, Style.STREAM, null, InputStream.class, true);
        }
        if (methodName.equals("handleRequest") && instance instanceof RequestHandler<?, ?>) {
            Class<?> input = requestHandlerInputType(instance.getClass());
            return new LambdaHandler(instance, Style.REQUEST_HANDLER, null, input, true);
        }
        List<Method> candidates = Arrays.stream(instance.getClass().getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1 && m.getParameterCount() <= 3)
                .sorted(Comparator.comparingInt(LambdaHandler::preference))
                .toList();
        if (candidates.isEmpty()) {
            throw new StackException(instance.getClass().getName() + " has no public method " + methodName
                    + "(input[, Context]) or " + methodName + "(InputStream, OutputStream, Context)");
        }
        Method chosen = candidates.get(0);
        chosen.setAccessible(true);
        Class<?>[] params = chosen.getParameterTypes();
        if (params.length == 3 || (params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class)) {
            return new LambdaHandler(instance, Style.STREAM, chosen, InputStream.class, params.length == 3);
        }
        return new LambdaHandler(instance, Style.METHOD, chosen, params[0], params.length == 2);
    }

    private static int preference(Method m) {
        Class<?>[] p = m.getParameterTypes();
        if (p.length == 2 && p[1] == Context.class) {
            return 0;
        }
        if (p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
            return 1;
        }
        if (p.length == 1) {
            return 2;
        }
        return 3;
    }

    /**
     * The handler's result: the returned object for typed handlers, the parsed JSON (or null when
     * nothing was written) for stream handlers.
     */
    Object handle(Object typedEvent, Supplier<JsonNode> wireEvent, Context context) throws Throwable {
        try {
            return switch (style) {
                case STREAM -> handleStream(wireEvent.get(), context);
                case REQUEST_HANDLER -> {
                    @SuppressWarnings("unchecked")
                    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
                    yield handler.handleRequest(convert(typedEvent, wireEvent), context);
                }
                case METHOD -> takesContext
                        ? method.invoke(instance, convert(typedEvent, wireEvent), context)
                        : method.invoke(instance, convert(typedEvent, wireEvent));
            };
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object handleStream(JsonNode event, Context context) throws Throwable {
        byte[] input = Json.MAPPER.writeValueAsBytes(event);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        if (method == null) {
            ((RequestStreamHandler) instance).handleRequest(new ByteArrayInputStream(input), output, context);
        } else if (takesContext) {
            method.invoke(instance, new ByteArrayInputStream(input), output, context);
        } else {
            method.invoke(instance, new ByteArrayInputStream(input), output);
        }
        return output.size() == 0 ? null : Json.MAPPER.readTree(output.toByteArray());
    }

    private Object convert(Object typedEvent, Supplier<JsonNode> wireEvent) {
        if (typedEvent != null && inputType.isInstance(typedEvent)) {
            return typedEvent;
        }
        JsonNode wire = wireEvent.get();
        if (inputType != Object.class && inputType.isInstance(wire)) {
            return wire; // a handler declaring JsonNode
        }
        if (inputType == String.class) {
            return wire.isTextual() ? wire.asText() : wire.toString();
        }
        try {
            return Json.MAPPER.treeToValue(wire, inputType);
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot convert the event to the handler's input type " + inputType.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The {@code I} of {@code RequestHandler<I, O>} as declared by the class or a superclass. */
    private static Class<?> requestHandlerInputType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type generic : c.getGenericInterfaces()) {
                if (generic instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    Type argument = parameterized.getActualTypeArguments()[0];
                    if (argument instanceof Class<?> raw) {
                        return raw;
                    }
                    if (argument instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                    if (argument instanceof TypeVariable<?>) {
                        return Object.class;
                    }
                }
            }
        }
        // A lambda expression or a generic subclass: the type is erased; hand over the typed event.
        return Object.class;
    }
}
