package com.wispbill.domain.routersetup;

import com.wispbill.domain.ValidationException;
import com.wispbill.domain.routercommand.Isolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a router's setup script that isolates lapsed users of plans with enforcement ISOLATE: they
 * stay connected, but their web traffic goes to the portal's pay page and only the pay page and the
 * payment providers are reachable.
 * <ul>
 *   <li>the hotspot user profile and PPP profile {@link Isolation#PROFILE}, whose logins land in the
 *       address list {@link Isolation#ADDRESS_LIST} (the driver also puts running sessions there);</li>
 *   <li>plain HTTP from that list is redirected (NAT) to the router's web proxy, which lets the pay page's
 *       and providers' hosts through and redirects everything else to the pay page;</li>
 *   <li>HTTPS from that list to anything but those hosts is refused (a redirect is impossible there);</li>
 *   <li>the same hosts in the hotspot walled garden, so a user logged out of the hotspot can still pay.</li>
 * </ul>
 * Running it again is safe: every object is matched by name or comment and replaced.
 */
public final class IsolationScript {
    /** Hosts customers' browsers load checkout pages and scripts from (M-Pesa's STK push needs none). */
    public static final List<String> PROVIDER_HOSTS = List.of("checkout.paystack.com", "js.paystack.co",
            "checkout.stripe.com", "js.stripe.com", "app.midtrans.com", "app.sandbox.midtrans.com");
    static final String COMMENT = "WISPbill";
    static final String RULE_COMMENT = "WISPbill isolation";
    static final String PAY_LIST = "wispbill-pay";
    static final int PROXY_PORT = 8082;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");

    private IsolationScript() {
    }

    /**
     * The section for the pay page at {@code payPageUrl} (http or https, the portal's page customers pay on).
     *
     * @throws ValidationException (field {@code payPageUrl}) if it is not such a URL
     */
    public static String generate(String payPageUrl) {
        URI payPage = payPage(payPageUrl);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(payPage.getHost().toLowerCase(Locale.ROOT));
        hosts.addAll(PROVIDER_HOSTS);
        String profile = RouterSetupScript.quote(Isolation.PROFILE);
        String comment = RouterSetupScript.quote(COMMENT);
        String ruleComment = RouterSetupScript.quote(RULE_COMMENT);
        StringBuilder s = new StringBuilder();
        s.append("# 5. Lapsed users of ISOLATE plans stay connected but reach only the pay page ").append(payPage).append('\n');
        s.append(":do { /ip hotspot user profile add name=").append(profile).append(" } on-error={}\n");
        s.append("/ip hotspot user profile set [find name=").append(profile).append("] address-list=")
                .append(Isolation.ADDRESS_LIST).append('\n');
        s.append(":do { /ppp profile add name=").append(profile).append(" } on-error={}\n");
        s.append("/ppp profile set [find name=").append(profile).append("] address-list=").append(Isolation.ADDRESS_LIST)
                .append('\n');
        s.append("/ip hotspot walled-garden remove [find comment=").append(comment).append("]\n");
        s.append("/ip firewall address-list remove [find list=").append(PAY_LIST).append("]\n");
        s.append("/ip proxy access remove [find comment=").append(comment).append("]\n");
        for (String host : hosts) {
            s.append("/ip hotspot walled-garden add dst-host=").append(host).append(" action=allow comment=")
                    .append(comment).append('\n');
            s.append("/ip firewall address-list add list=").append(PAY_LIST).append(" address=").append(host)
                    .append(" comment=").append(comment).append('\n');
            s.append("/ip proxy access add dst-host=").append(host).append(" action=allow comment=").append(comment)
                    .append('\n');
        }
        s.append("/ip proxy access add action=redirect redirect-to=").append(RouterSetupScript.quote(payPage.toString()))
                .append(" comment=").append(comment).append('\n');
        s.append("/ip proxy set enabled=yes port=").append(PROXY_PORT).append('\n');
        s.append("/ip firewall nat remove [find comment=").append(ruleComment).append("]\n");
        s.append("/ip firewall nat add chain=dstnat src-address-list=").append(Isolation.ADDRESS_LIST)
                .append(" protocol=tcp dst-port=80 action=redirect to-ports=").append(PROXY_PORT).append(" comment=")
                .append(ruleComment).append('\n');
        s.append("/ip firewall filter remove [find comment=").append(ruleComment).append("]\n");
        s.append("/ip firewall filter add chain=forward src-address-list=").append(Isolation.ADDRESS_LIST)
                .append(" dst-address-list=!").append(PAY_LIST).append(" protocol=tcp dst-port=443 action=reject")
                .append(" reject-with=tcp-reset comment=").append(ruleComment).append("\n\n");
        return s.toString();
    }

    private static URI payPage(String url) {
        if (url == null || url.isBlank()) {
            throw new ValidationException("payPageUrl", "is required: the portal's page where customers pay");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || !HOST.matcher(uri.getHost()).matches() || uri.getUserInfo() != null) {
                throw new ValidationException("payPageUrl", "must be an http(s) URL with a host name, e.g."
                        + " https://pay.example.com/portal/my-hotspot");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ValidationException("payPageUrl", "is not a URL: " + e.getReason());
        }
    }
}
