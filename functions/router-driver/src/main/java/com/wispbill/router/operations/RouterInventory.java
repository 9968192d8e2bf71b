package com.wispbill.router.operations;

import java.util.List;
import java.util.Map;

/**
 * Every hotspot user and PPP secret on a router at one moment, by name (RouterOS allows one hotspot user
 * name per hotspot server, so a name may have several items). Rows hold RouterOS property names and
 * values, passwords included: never log them.
 */
public record RouterInventory(Map<String, List<Map<String, String>>> hotspotUsers,
                              Map<String, List<Map<String, String>>> pppSecrets) {
    public RouterInventory {
        hotspotUsers = Map.copyOf(hotspotUsers);
        pppSecrets = Map.copyOf(pppSecrets);
    }

    @Override
    public String toString() {
        return "RouterInventory[hotspotUsers=" + hotspotUsers.size() + ", pppSecrets=" + pppSecrets.size() + "]";
    }
}
