package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;

/**
 * The PPP secret {@code name} is enabled. A missing secret is an error (see {@link EnableHotspotUser}).
 *
 * @param name PPP secret (account) name
 */
public record EnablePppSecret(String name) implements RouterCommand {

    public EnablePppSecret {
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "EnablePppSecret[name=" + name + "]";
    }
}
