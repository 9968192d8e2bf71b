package com.wispbill.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Calls a {@link RequestStreamHandler} the way Lambda does: the event file's bytes in, the answer's bytes out. */
public final class StreamInvocation {
    private StreamInvocation() {
    }

    /** The handler's answer (UTF-8) to the sample event {@code eventFile}. */
    public static String invoke(RequestStreamHandler handler, Path eventFile, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream event = Files.newInputStream(eventFile)) {
            handler.handleRequest(event, output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
