package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.Env;
import java.util.Objects;

/** Physical table names, from {@code ENTITY_TABLE} and {@code USAGE_TABLE} (set by template.yaml). */
public record TableNames(String entityTable, String usageTable) {
    public TableNames {
        Objects.requireNonNull(entityTable, "entityTable");
        Objects.requireNonNull(usageTable, "usageTable");
    }

    public static TableNames fromEnvironment() {
        return new TableNames(Env.require("ENTITY_TABLE"), Env.require("USAGE_TABLE"));
    }
}
