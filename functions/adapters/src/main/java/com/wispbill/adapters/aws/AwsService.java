package com.wispbill.adapters.aws;

/**
 * What {@link SignedAwsClient} needs to know of a service: its endpoint prefix (the host's first label), its SigV4
 * signing name, and the names of its endpoint override as the SDK 2.40.2 spells them (environment
 * {@code AWS_ENDPOINT_URL_<env>}, system property {@code aws.endpointUrl<property>}, read from the generated client
 * builders).
 */
public record AwsService(String endpointPrefix, String signingName, String endpointEnvSuffix, String endpointPropertySuffix) {
    public static final AwsService SNS = new AwsService("sns", "sns", "SNS", "Sns");
    public static final AwsService SECRETS_MANAGER = new AwsService("secretsmanager", "secretsmanager", "SECRETS_MANAGER",
            "SecretsManager");
    /** SES v2 lives on {@code email.<region>} and signs as {@code ses}. */
    public static final AwsService SESV2 = new AwsService("email", "ses", "SESV2", "SesV2");
}
