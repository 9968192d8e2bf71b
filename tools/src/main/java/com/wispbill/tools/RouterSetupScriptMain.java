package com.wispbill.tools;

import com.wispbill.domain.ValidationException;
import com.wispbill.domain.routersetup.IsolationScript;
import com.wispbill.domain.routersetup.RouterSetupParameters;
import com.wispbill.domain.routersetup.RouterSetupScript;
import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prints a router's setup script ({@link RouterSetupScript}) from the command line. A new WireGuard key
 * pair is generated for the router, and an API password unless {@code --api-password} is given; the
 * router's hub peer entry ({@code publicKey,address/32}, for SSM {@code /wispbill/wireguard/peers/<routerId>})
 * and the secret JSON to store are printed to stderr, the script to stdout. With {@code --pay-page-url} the
 * script also isolates lapsed users of ISOLATE plans ({@link IsolationScript}).
 *
 * <pre>
 * java -cp reseller-api-lambda.jar:wispbill-tools.jar com.wispbill.tools.RouterSetupScriptMain --router-id 01J... \
 *   --router-name hs-nairobi-1 --hub-host 203.0.113.10 --hub-public-key &lt;key&gt; \
 *   --router-tunnel-address 10.41.0.23 [--hub-port 51820] [--hub-tunnel-address 10.41.0.1] [--prefix 16] \
 *   [--api-user wispbill] [--api-password ...] [--allow-plain-api] [--pay-page-url https://...]
 * </pre>
 */
public final class RouterSetupScriptMain {
    private static final Set<String> OPTIONS = Set.of("--router-id", "--router-name", "--hub-host", "--hub-port",
            "--hub-public-key", "--hub-tunnel-address", "--router-tunnel-address", "--prefix", "--api-user",
            "--api-password", "--pay-page-url");
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.+";

    private RouterSetupScriptMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command; returns the exit status (0 ok, 2 bad arguments). */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Map<String, String> options = new HashMap<>();
        boolean allowPlainApi = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--allow-plain-api")) {
                allowPlainApi = true;
            } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                err.println("unknown or incomplete option: " + args[i]);
                err.println("options: " + String.join(" ", OPTIONS) + " --allow-plain-api");
                return 2;
            }
        }
        try {
            WireGuardKeyPair keys = WireGuardKeyPair.generate();
            String password = options.containsKey("--api-password") ? options.get("--api-password") : newPassword();
            RouterSetupParameters parameters = new RouterSetupParameters(options.get("--router-id"),
                    options.get("--router-name"), options.get("--hub-host"),
                    Integer.parseInt(options.getOrDefault("--hub-port", "51820")), options.get("--hub-public-key"),
                    options.getOrDefault("--hub-tunnel-address", "10.41.0.1"), options.get("--router-tunnel-address"),
                    Integer.parseInt(options.getOrDefault("--prefix", "16")), keys,
                    options.getOrDefault("--api-user", "wispbill"), password, allowPlainApi);
            String isolation = options.containsKey("--pay-page-url")
                    ? IsolationScript.generate(options.get("--pay-page-url")) : "";
            out.print(RouterSetupScript.generate(parameters, clock.instant(), isolation));
            err.println("hub peer (SSM /wispbill/wireguard/peers/" + parameters.routerId() + "): " + keys.publicKey()
                    + "," + parameters.routerTunnelAddress() + "/32");
            err.println("store the API user and password from the script in the router's secret "
                    + "wispbill/routers/<resellerId>/" + parameters.routerId()
                    + " as {\"username\",\"password\",\"caCertificatePem\"} once the CA is exported");
            return 0;
        } catch (ValidationException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
