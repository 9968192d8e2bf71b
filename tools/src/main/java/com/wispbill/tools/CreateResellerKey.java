package com.wispbill.tools;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.domain.ApiKeyRole;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * One-off command that creates a reseller with its first API key and prints the secret once; how the
 * first operator key comes to exist. Run it with the function's table names and AWS credentials
 * allowed to write the entity table:
 * <pre>
 * ENTITY_TABLE=... USAGE_TABLE=... java -cp reseller-api-lambda.jar:wispbill-tools.jar com.wispbill.tools.CreateResellerKey \
 *     "WISPbill operator" Africa/Nairobi KES OPERATOR
 * </pre>
 */
public final class CreateResellerKey {
    private CreateResellerKey() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length != 4) {
            out.println("usage: CreateResellerKey <name> <IANA zone> <ISO currency> <OPERATOR|RESELLER>");
            System.exit(2);
            return;
        }
        ApiKeyRole role = ApiKeyRole.valueOf(args[3].toUpperCase(Locale.ROOT));
        ResellerAdmin.Onboarded onboarded = ResellerAdmin.of(DynamoStore.fromEnvironment(), Clock.systemUTC())
                .onboard(args[0], args[1], args[2], role);
        out.println("reseller id: " + onboarded.reseller().id());
        out.println("key id:      " + onboarded.key().key().keyId());
        out.println("role:        " + role);
        out.println("API key (shown once, only its hash is stored): " + onboarded.key().secret());
    }
}
