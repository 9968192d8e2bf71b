package com.wispbill.sheets;

import com.wispbill.domain.Plan;
import com.wispbill.domain.Validation;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.WifiNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a printed sheet shows: the same reseller, plan, price and validity on every card, one card per
 * voucher code, each with a QR code that opens the hotspot login with the code filled in.
 *
 * @param resellerName  shown on every card
 * @param planName      shown on every card
 * @param priceText     e.g. "KES 50.00" ({@link SheetText#price})
 * @param validityText  e.g. "24 hours from first login" ({@link SheetText#validity})
 * @param loginUrlBase  the hotspot's login page, e.g. {@code http://hotspot.lan/login}; the QR code adds
 *                      {@code username} and {@code password} query parameters (MikroTik's login page
 *                      accepts both, which logs in directly when the server profile allows HTTP PAP)
 * @param codes         canonical voucher codes, in print order; each is both user name and password
 * @param wifiNames     the Wi-Fi network (SSID) to join for a code, by code: its router's; a code without
 *                      one prints no Wi-Fi line (a batch can span routers with different networks)
 */
public record VoucherSheet(
        String resellerName,
        String planName,
        String priceText,
        String validityText,
        String loginUrlBase,
        List<String> codes,
        Map<String, String> wifiNames) {

    public VoucherSheet {
        Validation v = new Validation();
        v.text(resellerName, "resellerName", 100);
        v.text(planName, "planName", 100);
        v.text(priceText, "priceText", 40);
        v.text(validityText, "validityText", 120);
        if (v.notBlank(loginUrlBase, "loginUrlBase")) {
            v.check(isHttpUrl(loginUrlBase), "loginUrlBase", "must be an absolute http(s) URL like http://hotspot.lan/login");
        }
        if (v.notNull(codes, "codes") && v.check(!codes.isEmpty(), "codes", "must list at least one voucher code")) {
            v.check(codes.stream().allMatch(VoucherCodes::isCanonical), "codes", "must be canonical voucher codes");
            v.check(new HashSet<>(codes).size() == codes.size(), "codes", "must not repeat a code");
        }
        if (v.notNull(wifiNames, "wifiNames") && codes != null) {
            v.check(codes.containsAll(wifiNames.keySet()), "wifiNames", "must name Wi-Fi networks of codes on the sheet");
            v.check(wifiNames.values().stream().allMatch(WifiNames::isValid), "wifiNames", WifiNames.RULE);
        }
        v.throwIfInvalid();
        codes = List.copyOf(codes);
        wifiNames = Map.copyOf(wifiNames);
    }

    /** A sheet without Wi-Fi names. */
    public VoucherSheet(String resellerName, String planName, String priceText, String validityText, String loginUrlBase,
                        List<String> codes) {
        this(resellerName, planName, priceText, validityText, loginUrlBase, codes, Map.of());
    }

    /** The Wi-Fi network to join with {@code code}, if its router names one. */
    public Optional<String> wifiName(String code) {
        return Optional.ofNullable(wifiNames.get(code));
    }

    /** A sheet for {@code codes} of {@code plan}, price and validity worded by {@link SheetText}. */
    public static VoucherSheet forPlan(String resellerName, Plan plan, String loginUrlBase, List<String> codes) {
        return forPlan(resellerName, plan, loginUrlBase, codes, Map.of());
    }

    /** The same, each code with its router's Wi-Fi name where {@code wifiNames} has one. */
    public static VoucherSheet forPlan(String resellerName, Plan plan, String loginUrlBase, List<String> codes,
                                       Map<String, String> wifiNames) {
        return new VoucherSheet(resellerName, plan.name(), SheetText.price(plan.price()), SheetText.cardValidity(plan),
                loginUrlBase, codes, wifiNames);
    }

    /** What the QR code of {@code code} opens: the login URL with the code as user name and password. */
    public String loginUrl(String code) {
        String query = "username=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        return loginUrlBase + (loginUrlBase.contains("?") ? "&" : "?") + query;
    }

    /** Whether {@code url} is an absolute http(s) URL with a host and no fragment: what a login page URL must be. */
    public static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // Codes are secrets: count them.
        return "VoucherSheet[resellerName=" + resellerName + ", planName=" + planName + ", codes=" + codes.size() + "]";
    }
}
