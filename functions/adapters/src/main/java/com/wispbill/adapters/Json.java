package com.wispbill.adapters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The shared JSON configuration. Mappers are expensive to build and thread-safe once configured, so
 * every function uses these two instances.
 *
 * <ul>
 *   <li>{@link #MAPPER}: strict. Unknown properties fail, so a typo in an API request ("prise") is a
 *       400 instead of a silently ignored field. Use for our own API bodies.</li>
 *   <li>{@link #LENIENT}: ignores unknown properties. Use for payloads whose schema we do not own and
 *       that grow over time (provider callbacks) and for queue messages, so a newer producer does not
 *       break an older consumer during a deployment.</li>
 * </ul>
 * Both write instants and durations as ISO-8601 strings ({@code "2026-11-22T14:05:00Z"},
 * {@code "PT24H"}), never as numbers, and never write money as floating point: domain types are mapped
 * to explicit DTOs by the handlers.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static final ObjectMapper LENIENT = MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
