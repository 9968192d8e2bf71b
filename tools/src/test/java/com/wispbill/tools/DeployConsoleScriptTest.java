package com.wispbill.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/deploy-console} in dry-run mode: the files it would upload (content-addressed assets,
 * index.html naming them, config.js with the API) and the AWS CLI commands it would run, in order.
 */
class DeployConsoleScriptTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO.resolve("tools/deploy-console");

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    private static Path builtConsole(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("fonts"));
        Files.writeString(dir.resolve("index.html"), "<!doctype html><link rel=\"stylesheet\" href=\"app.css\">"
                + "<script src=\"config.js\"></script><script type=\"module\" src=\"./app.js\"></script>");
        Files.writeString(dir.resolve("app.js"), "console.log('console');\n");
        Files.writeString(dir.resolve("app.css"), "main{margin:0}\n");
        Files.writeString(dir.resolve("app.js.map"), "{}");
        Files.writeString(dir.resolve("fonts/inter.woff2"), "font");
        return dir;
    }

    private static String sha256Prefix(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))).substring(0, 12);
    }

    @Test
    void aDryRunStagesContentAddressedAssetsAndPrintsTheUploadsInASafeOrderThenTheInvalidation(@TempDir Path tmp) throws Exception {
        Path built = builtConsole(tmp.resolve("built"));
        Run run = run(tmp, "--dir", built.toString(), "--dry-run", "--region", "eu-west-1",
                "--api-url", "https://abc123.execute-api.eu-west-1.amazonaws.com", "--bucket", "console-bucket", "--distribution", "E2EXAMPLE");

        assertEquals(0, run.exitCode(), run.err());
        Matcher staged = Pattern.compile("# dry run: the files are in (\\S+)").matcher(run.out());
        assertTrue(staged.find(), run.out());
        Path site = Path.of(staged.group(1));
        String js = "assets/app." + sha256Prefix(built.resolve("app.js")) + ".js";
        String css = "assets/app." + sha256Prefix(built.resolve("app.css")) + ".css";
        try (Stream<Path> files = Files.walk(site)) {
            assertEquals(Stream.of(css, js, "config.js", "fonts/inter.woff2", "index.html").sorted().toList(),
                    files.filter(Files::isRegularFile).map(f -> site.relativize(f).toString()).sorted().toList());
        }
        assertEquals("<!doctype html><link rel=\"stylesheet\" href=\"" + css + "\"><script src=\"config.js\"></script>"
                + "<script type=\"module\" src=\"" + js + "\"></script>", Files.readString(site.resolve("index.html")));
        assertEquals("window.WISPBILL_CONSOLE = {apiBaseUrl: \"https://abc123.execute-api.eu-west-1.amazonaws.com\"};\n",
                Files.readString(site.resolve("config.js")));

        List<String> commands = run.out().lines().filter(l -> l.startsWith("aws ")).toList();
        String s = site.toString();
        assertEquals(List.of(
                "aws --region eu-west-1 s3 sync " + s + "/ s3://console-bucket/ --exclude index.html --exclude config.js --exclude assets/\\* --cache-control public\\,\\ max-age=60 --no-progress",
                "aws --region eu-west-1 s3 sync " + s + "/assets/ s3://console-bucket/assets/ --cache-control public\\,\\ max-age=31536000\\,\\ immutable --no-progress",
                "aws --region eu-west-1 s3 cp " + s + "/config.js s3://console-bucket/config.js --cache-control public\\,\\ max-age=60 --content-type text/javascript\\;\\ charset=utf-8 --no-progress",
                "aws --region eu-west-1 s3 cp " + s + "/index.html s3://console-bucket/index.html --cache-control public\\,\\ max-age=60 --content-type text/html\\;\\ charset=utf-8 --no-progress",
                "aws --region eu-west-1 cloudfront create-invalidation --distribution-id E2EXAMPLE --paths / /index.html /config.js"),
                commands);
    }

    @Test
    void anUnbuiltConsoleOrAPlainHttpApiIsRefusedBeforeAnythingIsUploaded(@TempDir Path tmp) throws Exception {
        Run unbuilt = run(tmp, "--dir", tmp.resolve("nothing").toString(), "--dry-run", "--api-url", "https://x.example",
                "--bucket", "b", "--distribution", "E1");
        assertEquals(1, unbuilt.exitCode());
        assertTrue(unbuilt.err().contains("build the console first"), unbuilt.err());

        Run http = run(tmp, "--dir", builtConsole(tmp.resolve("built")).toString(), "--dry-run", "--api-url", "http://x.example",
                "--bucket", "b", "--distribution", "E1");
        assertEquals(1, http.exitCode());
        assertTrue(http.err().contains("must be https://"), http.err());
        assertEquals("", http.out());
    }

    @Test
    void theStackOutputsItReadsAreTheTemplates() throws IOException {
        String script = Files.readString(SCRIPT);
        String template = Files.readString(REPO.resolve("template.yaml"));
        String outputs = template.substring(template.indexOf("\nOutputs:\n"));
        Matcher read = Pattern.compile("\\$\\(output (\\w+)\\)").matcher(script);
        List<String> names = new ArrayList<>();
        while (read.find()) {
            names.add(read.group(1));
        }
        assertEquals(List.of("ApiUrl", "ConsoleBucketName", "ConsoleDistributionId"), names);
        names.forEach(name -> assertTrue(outputs.contains("\n  " + name + ":\n"), "template.yaml has no output " + name));
    }
}
