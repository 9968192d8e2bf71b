package com.wispbill.domain.routersetup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationScriptTest {

    @Test
    void isolatesToThePayPageWithTheProvidersInTheWalledGarden() {
        List<String> script = IsolationScript.generate("https://pay.example.com/portal/hs-1").lines().toList();

        assertTrue(script.contains("/ip hotspot user profile set [find name=\"wispbill-expired\"] address-list=wispbill-expired"));
        assertTrue(script.contains("/ppp profile set [find name=\"wispbill-expired\"] address-list=wispbill-expired"));
        assertTrue(script.contains("/ip hotspot walled-garden add dst-host=pay.example.com action=allow comment=\"WISPbill\""));
        assertTrue(script.contains("/ip hotspot walled-garden add dst-host=checkout.paystack.com action=allow comment=\"WISPbill\""));
        assertTrue(script.contains("/ip proxy access add action=redirect redirect-to=\"https://pay.example.com/portal/hs-1\""
                + " comment=\"WISPbill\""));
        assertTrue(script.contains("/ip firewall nat add chain=dstnat src-address-list=wispbill-expired protocol=tcp"
                + " dst-port=80 action=redirect to-ports=8082 comment=\"WISPbill isolation\""));
        assertTrue(script.stream().anyMatch(l -> l.startsWith("/ip firewall filter add chain=forward "
                + "src-address-list=wispbill-expired dst-address-list=!wispbill-pay protocol=tcp dst-port=443 action=reject")));
    }

    @Test
    void aPayPageMustBeAnHttpUrlWithAHost() {
        for (String bad : List.of("", "ftp://pay.example.com/", "https://user@pay.example.com/", "pay.example.com",
                "https://pay example.com/")) {
            ValidationException e = assertThrows(ValidationException.class, () -> IsolationScript.generate(bad), bad);
            assertEquals("payPageUrl", e.errors().getFirst().field());
        }
    }
}
