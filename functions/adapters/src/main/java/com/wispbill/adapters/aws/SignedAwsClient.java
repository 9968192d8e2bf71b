package com.wispbill.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.SystemSetting;

/**
 * One AWS service called with SigV4-signed HTTP requests instead of its generated SDK client: SNS, Secrets Manager and
 * SES v2 each contribute 0.7-2.5 MB of model classes for operations we never call, and building their clients costs
 * cold-start time. This class reuses what every function jar carries anyway (the default credentials and region
 * chains, {@link AwsV4HttpSigner}, {@link UrlConnectionHttpClient}, Jackson) and speaks the three wire protocols we
 * need: awsJson1.1 ({@link #awsJson}), awsQuery ({@link #awsQuery}) and restJson ({@link #restJson}).
 *
 * <p>The endpoint is resolved as the SDK resolves it: {@code aws.endpointUrl<Service>} / {@code AWS_ENDPOINT_URL_<SERVICE>},
 * then {@code aws.endpointUrl} / {@code AWS_ENDPOINT_URL}, else {@code https://<prefix>.<region>.<partition dns suffix>}.
 * Errors the service answers are {@link AwsCallException}s; requests that got no answer are {@link UncheckedIOException}s.
 * Retries follow the SDK's standard mode (3 attempts; full-jitter exponential backoff from 100 ms, from 1 s when
 * throttled; on throttling, 5xx and I/O failures) unless built with {@link Options#withoutRetries()}.
 */
public final class SignedAwsClient {
    private static final Logger LOG = LoggerFactory.getLogger(SignedAwsClient.class);
    /** Connecting to a regional AWS endpoint (or a VPC endpoint) takes milliseconds; seconds means trouble. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);
    private static final int STANDARD_ATTEMPTS = 3;
    /** The shortest read an attempt is given under a call timeout. */
    private static final Duration MIN_READ = Duration.ofSeconds(1);
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    /** The SDK's throttling error codes (software.amazon.awssdk.awscore.internal.AwsErrorCode). */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException");
    private static final Set<String> TRANSIENT = Set.of("RequestTimeout", "RequestTimeoutException", "InternalError",
            "ServiceUnavailable");
    private static final Pattern XML_CODE = xmlElementPattern("Code");
    private static final Pattern XML_MESSAGE = xmlElementPattern("Message");
    private static final Pattern XML_REQUEST_ID = xmlElementPattern("RequestId");
    private static final Pattern XML_ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);");

    /** How calls of one client behave. */
    public record Options(Duration connectTimeout, Duration socketTimeout, int maxAttempts, Optional<Duration> callTimeout) {
        public static Options standard() {
            return new Options(CONNECTION_TIMEOUT, SOCKET_TIMEOUT, STANDARD_ATTEMPTS, Optional.empty());
        }

        /** A shorter read limit, for calls made while a request waits. */
        public Options withSocketTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, maxAttempts, callTimeout);
        }

        /** A shorter connect limit, for calls whose whole time is bounded ({@link #withCallTimeout}). */
        public Options withConnectTimeout(Duration timeout) {
            return new Options(timeout, socketTimeout, maxAttempts, callTimeout);
        }

        /** One attempt: for calls whose repetition after a lost answer would do the thing twice (an SMS sent twice). */
        public Options withoutRetries() {
            return new Options(connectTimeout, socketTimeout, 1, callTimeout);
        }

        /**
         * The whole call ends within {@code timeout}: an attempt's read is bounded so that connecting and reading fit
         * in it, and a new attempt starts only if it, too, could end in time. So a retry fits only when connect and
         * read limits leave room for one: set them first ({@link #withConnectTimeout}, {@link #withSocketTimeout}).
         */
        public Options withCallTimeout(Duration timeout) {
            if (timeout.minus(connectTimeout).compareTo(MIN_READ) < 0) {
                throw new IllegalArgumentException("a call timeout of " + timeout + " leaves no time to read after connecting");
            }
            return new Options(connectTimeout, socketTimeout, maxAttempts, Optional.of(timeout));
        }

        /** An attempt's read limit: the socket timeout, shortened so that connecting and reading fit the call timeout. */
        Duration readTimeout() {
            Duration readWithin = callTimeout.map(call -> call.minus(connectTimeout)).orElse(socketTimeout);
            return socketTimeout.compareTo(readWithin) < 0 ? socketTimeout : readWithin;
        }

        /** Connecting and reading at their limits. */
        Duration worstAttempt() {
            return connectTimeout.plus(readTimeout());
        }
    }

    private final AwsService service;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Options options;
    private final Clock signingClock;

    /** Region, credentials and endpoint from the SDK's default chains and settings. */
    public SignedAwsClient(AwsService service, Options options) {
        this(service, options, new DefaultAwsRegionProviderChain().getRegion(), DefaultCredentialsProvider.builder().build());
    }

    private SignedAwsClient(AwsService service, Options options, Region region, AwsCredentialsProvider credentials) {
        this(service, options, endpoint(service, region), region, credentials, httpClient(options), Clock.systemUTC());
    }

    /** Everything given: for tools and tests (another endpoint, a fixed signing time, an HTTP client that counts). */
    public SignedAwsClient(AwsService service, Options options, URI endpoint, Region region, AwsCredentialsProvider credentials,
            SdkHttpClient http, Clock signingClock) {
        this.service = service;
        this.options = options;
        this.region = region.id();
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.signingClock = signingClock;
        this.http = http;
    }

    /** The HTTP client a {@link SignedAwsClient} with {@code options} uses. */
    public static SdkHttpClient httpClient(Options options) {
        return UrlConnectionHttpClient.builder().connectionTimeout(options.connectTimeout()).socketTimeout(options.readTimeout()).build();
    }

    /** The endpoint the SDK's generated client would call for {@code service} in {@code region}. */
    public static URI endpoint(AwsService service, Region region) {
        Optional<String> configured = setting("aws.endpointUrl" + service.endpointPropertySuffix(),
                "AWS_ENDPOINT_URL_" + service.endpointEnvSuffix())
                .or(() -> setting("aws.endpointUrl", "AWS_ENDPOINT_URL"));
        return URI.create(configured.orElseGet(() -> "https://" + service.endpointPrefix() + "." + region.id() + "."
                + PartitionMetadata.of(region).dnsSuffix()));
    }

    /** The SDK's own setting lookup (system property first, then the environment variable), as its clients do. */
    private static Optional<String> setting(String property, String environmentVariable) {
        return new SystemSetting() {
            @Override
            public String property() {
                return property;
            }

            @Override
            public String environmentVariable() {
                return environmentVariable;
            }

            @Override
            public String defaultValue() {
                return null;
            }
        }.getStringValue().map(String::strip).filter(s -> !s.isEmpty());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** awsJson1.1: {@code POST /} with {@code X-Amz-Target: <targetPrefix>.<operation>}; the answer's JSON. */
    public JsonNode awsJson(String targetPrefix, String operation, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Answer answer = call(operation, SdkHttpMethod.POST, "/", Map.of("X-Amz-Target", targetPrefix + "." + operation,
                "Content-Type", "application/x-amz-json-1.1"), bytes);
        if (answer.status() >= 300) {
            throw jsonError(operation, answer);
        }
        return readJson(answer.body());
    }

    /** restJson: {@code method path} with a JSON body; the answer's JSON. */
    public JsonNode restJson(SdkHttpMethod method, String path, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Answer answer = call(method + " " + path, method, path, Map.of("Content-Type", "application/json"), bytes);
        if (answer.status() >= 300) {
            throw jsonError(method + " " + path, answer);
        }
        return readJson(answer.body());
    }

    /** awsQuery: a form-encoded {@code POST /} of {@code Action}, {@code Version} and {@code parameters}; the answer's XML. */
    public String awsQuery(String action, String version, Map<String, String> parameters) {
        StringBuilder form = new StringBuilder("Action=").append(encode(action)).append("&Version=").append(encode(version));
        parameters.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
        Answer answer = call(action, SdkHttpMethod.POST, "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form.toString().getBytes(StandardCharsets.UTF_8));
        String xml = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() >= 300) {
            throw new AwsCallException(service.endpointPrefix(), action, xmlElement(XML_CODE, xml).orElse("HTTP " + answer.status()),
                    xmlElement(XML_MESSAGE, xml).orElse(""), answer.status(), answer.requestId().or(() -> xmlElement(XML_REQUEST_ID, xml))
                    .orElse(null));
        }
        return xml;
    }

    /** What finds a {@code <name>} element for {@link #xmlElement}: compiled once per element, kept by the caller. */
    public static Pattern xmlElementPattern(String name) {
        return Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">");
    }

    /** The text of the first element {@code pattern} ({@link #xmlElementPattern}) finds in {@code xml}, XML entities decoded. */
    public static Optional<String> xmlElement(Pattern pattern, String xml) {
        Matcher matcher = pattern.matcher(xml);
        return matcher.find() ? Optional.of(unescapeXml(matcher.group(1))) : Optional.empty();
    }

    private static String unescapeXml(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher entity = XML_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1))));
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private record Answer(int status, byte[] body, Optional<String> requestId, Optional<String> errorType) {}

    private Answer call(String operation, SdkHttpMethod method, String path, Map<String, String> headers, byte[] body) {
        long started = System.nanoTime();
        long deadline = options.callTimeout().map(t -> started + t.toNanos()).orElse(Long.MAX_VALUE);
        for (int attempt = 1; ; attempt++) {
            Answer answer = null;
            IOException failure = null;
            try {
                answer = attempt(method, path, headers, body);
            } catch (IOException e) {
                failure = e;
            }
            boolean throttled = answer != null && (answer.status() == 429 || isThrottling(answer));
            boolean retryable = failure != null || throttled || (answer != null && (answer.status() >= 500 || isTransient(answer)));
            if (!retryable || attempt >= options.maxAttempts()) {
                LOG.debug("aws call service={} operation={} status={} attempts={} millis={}", service.signingName(), operation,
                        answer == null ? "no answer" : answer.status(), attempt, (System.nanoTime() - started) / 1_000_000);
                if (failure != null) {
                    throw new UncheckedIOException(service.endpointPrefix() + " " + operation + " got no answer after " + attempt
                            + " attempt(s)", failure);
                }
                return answer;
            }
            long delay = backoff(attempt, throttled);
            long worstAttempt = options.worstAttempt().toNanos();
            if (System.nanoTime() + delay * 1_000_000 + worstAttempt > deadline) {
                if (failure != null) {
                    throw new UncheckedIOException(service.endpointPrefix() + " " + operation + " got no answer within its time", failure);
                }
                return answer;
            }
            LOG.debug("aws call retried service={} operation={} attempt={} status={} delayMillis={}", service.signingName(), operation,
                    attempt, answer == null ? "no answer: " + failure.getClass().getSimpleName() : answer.status(), delay);
            sleep(delay);
        }
    }

    /** Full jitter as the SDK's standard strategy: random in [0, min(max, base * 2^(attempt-1))]. */
    static long backoff(int attempt, boolean throttled) {
        long base = (throttled ? THROTTLED_BASE_DELAY : BASE_DELAY).toMillis();
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while waiting to retry"));
        }
    }

    private Answer attempt(SdkHttpMethod method, String path, Map<String, String> headers, byte[] body) throws IOException {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(endpoint.resolve(endpointPath(path)))
                .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        // Credentials are resolved per attempt: the provider caches them and refreshes them before they expire.
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null)).build()).call();
        byte[] bytes;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            bytes = in.readAllBytes();
        }
        return new Answer(response.httpResponse().statusCode(), bytes,
                response.httpResponse().firstMatchingHeader("x-amzn-RequestId")
                        .or(() -> response.httpResponse().firstMatchingHeader("x-amz-request-id")),
                response.httpResponse().firstMatchingHeader("x-amzn-ErrorType"));
    }

    /** An endpoint may carry a base path (a proxy); the operation's path goes below it. */
    private String endpointPath(String path) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        return base.endsWith("/") ? base + path.substring(1) : base + path;
    }

    private static boolean isThrottling(Answer answer) {
        return answer.status() >= 400 && THROTTLING.contains(errorCodeOf(answer));
    }

    private static boolean isTransient(Answer answer) {
        return answer.status() >= 400 && TRANSIENT.contains(errorCodeOf(answer));
    }

    /** The error code from the header, a JSON {@code __type}/{@code code}, or an XML {@code <Code>}. */
    private static String errorCodeOf(Answer answer) {
        Optional<String> code = answer.errorType().map(SignedAwsClient::shortCode);
        if (code.isPresent()) {
            return code.get();
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            JsonNode root = readJsonOrEmpty(answer.body());
            String type = root.path("__type").asText(root.path("code").asText(root.path("Code").asText("")));
            return shortCode(type);
        }
        return xmlElement(XML_CODE, text).orElse("");
    }

    /** {@code aws.protocoltests#ThrottlingException:http://...} and {@code Foo:bar} name the code {@code ThrottlingException}. */
    private static String shortCode(String type) {
        String code = type;
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        int hash = code.lastIndexOf('#');
        return hash >= 0 ? code.substring(hash + 1) : code;
    }

    private AwsCallException jsonError(String operation, Answer answer) {
        String code = errorCodeOf(answer);
        JsonNode root = readJsonOrEmpty(answer.body());
        String message = root.path("Message").asText(root.path("message").asText(""));
        return new AwsCallException(service.endpointPrefix(), operation, code.isEmpty() ? "HTTP " + answer.status() : code, message,
                answer.status(), answer.requestId().orElse(null));
    }

    private static JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            return Json.LENIENT.createObjectNode();
        }
        try {
            return Json.LENIENT.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not JSON", e);
        }
    }

    private static JsonNode readJsonOrEmpty(byte[] body) {
        try {
            JsonNode root = body.length == 0 ? null : Json.LENIENT.readTree(body);
            return root == null ? Json.LENIENT.createObjectNode() : root;
        } catch (IOException e) {
            return Json.LENIENT.createObjectNode();
        }
    }

    private static String encode(String value) {
        // RFC 3986 as the SDK's query marshaller: spaces are %20, '~' stays.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "SignedAwsClient[" + service.signingName() + " " + endpoint + " " + region + "]";
    }
}
