package com.wispbill.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;

/** The router secret's JSON as the router driver reads it: {@code username}, {@code password}, {@code caCertificatePem}. */
final class RouterLoginJson {
    private RouterLoginJson() {
    }

    static String write(RouterLogin login) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("username", login.username()).put("password", login.password());
        login.caCertificatePem().ifPresent(pem -> node.put("caCertificatePem", pem.strip() + "\n"));
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a router login", e);
        }
    }
}
