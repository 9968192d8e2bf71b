package com.wispbill.domain.routersetup;

import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.Portal;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of a router's setup script that makes its hotspot login page sell one portal: it writes the page's
 * {@code hotspot/config.js} naming the API base URL and the portal id (with the portal's language and name, and the
 * router's Wi-Fi name, until the API answers with the portal's own), and lets the not yet logged-in customer reach
 * the API through the walled garden. The page's other files ({@code login.html}, {@code wispbill-login.js},
 * {@code strings.js}) are the same on every router and are uploaded once. Running it again replaces both.
 */
public final class HotspotPageScript {
    static final String CONFIG_FILE = "hotspot/config.js";
    static final String WALLED_GARDEN_COMMENT = "WISPbill portal";

    private HotspotPageScript() {
    }

    /**
     * The section for {@code portal} served by the API at {@code apiBaseUrl} (http or https, no query).
     *
     * @throws ValidationException (field {@code apiBaseUrl}) if it is not such a URL
     */
    public static String generate(String apiBaseUrl, Portal portal, Optional<String> wifiName) {
        URI api = apiBase(apiBaseUrl);
        String base = api.toString().replaceAll("/+$", "");
        String comment = RouterSetupScript.quote(WALLED_GARDEN_COMMENT);
        StringBuilder s = new StringBuilder();
        s.append("# 6. The hotspot login page sells portal ").append(portal.id()).append(" through ").append(base).append('\n');
        s.append("#    (upload login.html, wispbill-login.js and strings.js to the hotspot directory once; this writes config.js)\n");
        s.append(":do { /file remove [find name=").append(RouterSetupScript.quote(CONFIG_FILE)).append("] } on-error={}\n");
        s.append("/file add name=").append(RouterSetupScript.quote(CONFIG_FILE)).append(" contents=")
                .append(RouterSetupScript.quote(configJs(base, portal, wifiName))).append('\n');
        s.append("/ip hotspot walled-garden remove [find comment=").append(comment).append("]\n");
        s.append("/ip hotspot walled-garden add dst-host=").append(api.getHost().toLowerCase(Locale.ROOT))
                .append(" action=allow comment=").append(comment).append("\n\n");
        return s.toString();
    }

    /** The page's config.js (one line): what {@code hotspot/config.js} documents, for this portal. */
    public static String configJs(String apiBase, Portal portal, Optional<String> wifiName) {
        StringBuilder page = new StringBuilder("{language: ").append(js(portal.language().orElse("en")));
        portal.branding().flatMap(b -> b.name()).ifPresent(name -> page.append(", name: ").append(js(name)));
        wifiName.ifPresent(w -> page.append(", wifiName: ").append(js(w)));
        page.append('}');
        return "var WISPBILL_API = " + js(apiBase) + "; var PORTAL_ID = " + js(portal.id())
                + "; var WISPBILL_PAGE = " + page + ";";
    }

    /** A JavaScript string literal on one line (RouterOS file contents take no control characters). */
    static String js(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static URI apiBase(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // Refused below.
        }
        throw new ValidationException("apiBaseUrl", "must be the API's http(s) base URL, e.g. https://api.example.com");
    }
}
