package com.wispbill.domain.routerdriver;

import com.wispbill.domain.routercommand.RouterCommand;
import java.util.Objects;

/** Which journal entry of a router a command is about: the object's kind and name. */
public record DesiredObjectKey(DesiredObjectKind kind, String name) {
    public DesiredObjectKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DesiredObjectKey of(RouterCommand command) {
        return new DesiredObjectKey(DesiredRouterObject.kindOf(command), DesiredRouterObject.nameOf(command));
    }

    public static DesiredObjectKey of(DesiredRouterObject entry) {
        return new DesiredObjectKey(entry.kind(), entry.name());
    }

    @Override
    public String toString() {
        return kind + " " + DesiredRouterObject.loggableName(kind, name);
    }
}
