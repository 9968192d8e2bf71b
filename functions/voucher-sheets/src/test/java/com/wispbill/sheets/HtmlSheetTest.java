package com.wispbill.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.VoucherCodes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlSheetTest {
    private static final Pattern SVG = Pattern.compile("<svg class=\"qr\"[^>]*viewBox=\"-4 -4 (\\d+) \\1\"[^>]*>.*?<path fill=\"none\" stroke=\"#000\" d=\"([^\"]*)\"/></svg>");
    /** "M3 7.5h4": a run starting a row; "m2 0h1": the next run of the row, 2 modules after the last one ended. */
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)\\.5h(\\d+)|m(\\d+) 0h(\\d+)");

    private static List<String> codes(int n) {
        VoucherCodes generator = new VoucherCodes();
        List<String> codes = new ArrayList<>();
        while (codes.size() < n) {
            String code = generator.generate(12);
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    @Test
    void containsEveryCodeOnItsOwnCardAndPagesOfTen() {
        List<String> codes = codes(23);
        VoucherSheet sheet = new VoucherSheet("Mama Mboga WiFi", "Daily 24h", "KES 50.00", "24 hours from first login",
                "http://hotspot.lan/login", codes);

        String html = VoucherSheets.html(sheet);

        for (String code : codes) {
            assertTrue(html.contains("<div class=\"code\">" + VoucherCodes.group(code) + "</div>"), code);
        }
        assertEquals(23, count(html, "<div class=\"card\">"));
        assertEquals(3, count(html, "<section class=\"page\">"));
        assertTrue(html.contains("@page { size: A4;"));
        assertFalse(html.contains("<link") || html.contains("<script") || html.contains("src=\""),
                "the page is self-contained");
    }

    @Test
    void eachCardNamesItsRoutersWifiNetworkAndItsValidityFromFirstLogin() {
        List<String> codes = codes(3);
        com.wispbill.domain.Plan plan = com.wispbill.domain.Plan.builder().id("p").resellerId("r").name("2 hours")
                .price(com.wispbill.domain.Money.of(2000, "KES")).validity(java.time.Duration.ofHours(2))
                .validityStart(com.wispbill.domain.ValidityStart.AT_SALE).createdAt(java.time.Instant.EPOCH).build();
        VoucherSheet sheet = VoucherSheet.forPlan("Net", plan, "http://hotspot.lan/login", codes,
                java.util.Map.of(codes.get(0), "Mama <Mboga>", codes.get(1), "Other"));

        String html = VoucherSheets.html(sheet);

        assertTrue(html.contains("<div class=\"wifi\">Wi-Fi: Mama &lt;Mboga&gt;</div>"));
        assertTrue(html.contains("<div class=\"wifi\">Wi-Fi: Other</div>"));
        assertEquals(2, count(html, "<div class=\"wifi\">"), "the third card's router names no network");
        assertEquals(3, count(html, "valid 2 hours from first login"), "an unsold card starts at its first login");
    }

    @Test
    void escapesEveryText() {
        VoucherSheet sheet = new VoucherSheet("<script>alert('x')</script> & Co", "Plan \"A\" <b>", "KES 50.00",
                "24 hours > 1 day?", "http://hotspot.lan/login?x=1&y=2", codes(1));

        String html = VoucherSheets.html(sheet);

        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        assertTrue(html.contains("Plan &quot;A&quot; &lt;b&gt;"));
        assertTrue(html.contains("24 hours &gt; 1 day?"));
    }

    @Test
    void everyQrCodeDecodesToTheLoginUrlOfItsCard() {
        List<String> codes = codes(12);
        VoucherSheet sheet = new VoucherSheet("Net", "Hour", "KES 10.00", "1 hour from first login",
                "http://10.5.50.1/login", codes);

        Matcher svg = SVG.matcher(VoucherSheets.html(sheet));
        List<String> decoded = new ArrayList<>();
        while (svg.find()) {
            decoded.add(QrDecoding.decode(paint(Integer.parseInt(svg.group(1)), svg.group(2))));
        }

        List<String> expected = codes.stream()
                .map(c -> "http://10.5.50.1/login?username=" + c + "&password=" + c).toList();
        assertEquals(expected, decoded);
    }

    /** Paints the SVG's runs the way a browser would, 4 pixels per module, quiet zone included. */
    private static BufferedImage paint(int side, String path) {
        int scale = 4;
        int quiet = QrCode.QUIET_ZONE;
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Matcher run = RUN.matcher(path);
        int runs = 0;
        int y = -1;
        int end = 0;
        int consumed = 0;
        while (run.find()) {
            assertEquals(consumed, run.start(), "the path is only runs");
            consumed = run.end();
            int x;
            int length;
            if (run.group(1) != null) {
                x = Integer.parseInt(run.group(1));
                y = Integer.parseInt(run.group(2));
                length = Integer.parseInt(run.group(3));
            } else {
                x = end + Integer.parseInt(run.group(4));
                length = Integer.parseInt(run.group(5));
            }
            g.fillRect((x + quiet) * scale, (y + quiet) * scale, length * scale, scale);
            end = x + length;
            runs++;
        }
        assertEquals(path.length(), consumed);
        g.dispose();
        assertTrue(runs > 20, "the path holds the QR modules");
        return image;
    }

    /** How often {@code part} occurs in {@code text}. */
    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
