package com.wispbill.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.VoucherCodes;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfSheetTest {
    private static final float DPI = 300;

    private final Plan plan = Plan.builder().id("plan-3h").resellerId("reseller-a").name("Café 3 hours")
            .price(Money.of(5000, "KES")).validityUntilEndOfDay(1).validityStart(ValidityStart.AT_FIRST_USE)
            .timeLimit(Duration.ofHours(3)).dataLimit(DataSize.ofGigabytes(2)).createdAt(Instant.parse("2026-11-22T14:05:00Z"))
            .build();

    /**
     * Renders as a printer prints: every point ink or paper. Anti-aliased screen rendering greys the
     * module edges, which is not what a phone sees on paper and made ZXing miss about one code in a
     * few hundred.
     */
    static PDFRenderer printerLike(PDFRenderer renderer) {
        renderer.setRenderingHints(new RenderingHints(Map.of(
                RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF,
                RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY)));
        return renderer;
    }

    private static List<String> codes(int n, int length) {
        VoucherCodes generator = new VoucherCodes();
        List<String> codes = new ArrayList<>();
        while (codes.size() < n) {
            String code = generator.generate(length);
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    @Test
    void everyCardsQrCodeDecodesToItsLoginUrlAfterRenderingThePages() throws IOException {
        List<String> codes = codes(43, 10);
        VoucherSheet sheet = VoucherSheet.forPlan("WiFi ★ Kibera", plan, "http://hotspot.lan/login", codes);

        byte[] pdf = VoucherSheets.pdf(sheet);

        List<String> decoded = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals((codes.size() + 9) / 10, document.getNumberOfPages());
            PDFRenderer renderer = printerLike(new PDFRenderer(document));
            float scale = DPI / 72;
            for (int p = 0; p < document.getNumberOfPages(); p++) {
                BufferedImage page = renderer.renderImageWithDPI(p, DPI, ImageType.RGB);
                int cards = Math.min(VoucherSheets.CARDS_PER_PAGE, codes.size() - p * VoucherSheets.CARDS_PER_PAGE);
                for (int i = 0; i < cards; i++) {
                    // The QR code's square, quiet zone included, in image coordinates (y runs down).
                    int x = Math.round(SheetLayout.qrX(i) * scale);
                    int y = Math.round((SheetLayout.PAGE_HEIGHT - SheetLayout.qrY(i) - SheetLayout.QR_SIDE) * scale);
                    int side = Math.round(SheetLayout.QR_SIDE * scale);
                    decoded.add(QrDecoding.decode(page.getSubimage(x, y, side, side)));
                }
            }
            String text = new PDFTextStripper().getText(document);
            for (String code : codes) {
                assertTrue(text.contains(VoucherCodes.group(code)), code);
            }
            assertTrue(text.contains("WiFi ? Kibera"), "the star is outside WinAnsi: " + text);
            assertTrue(text.contains("Café 3 hours"));
            assertTrue(text.contains("KES 50.00"));
            assertTrue(text.replaceAll("\\s+", " ").contains("valid until midnight on the day of first login"), text);
        }
        List<String> expected = codes.stream().map(c -> "http://hotspot.lan/login?username=" + c + "&password=" + c).toList();
        assertEquals(expected, decoded);
    }

    /** Also leaves the sheet as target/voucher-sheet-sample.pdf, to look at. */
    @Test
    void eachCardShowsItsRoutersWifiNameAndTheTextFillsTheCardsHeight() throws IOException {
        List<String> codes = codes(10, 10);
        Map<String, String> wifi = new java.util.HashMap<>();
        for (int i = 0; i < 9; i++) {
            wifi.put(codes.get(i), i % 2 == 0 ? "MamaMboga-Free" : "Kibera Café Wi-Fi");
        }
        VoucherSheet sheet = VoucherSheet.forPlan("Mama Mboga WiFi", plan, "http://hotspot.lan/login", codes, wifi);

        byte[] pdf = VoucherSheets.pdf(sheet);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "voucher-sheet-sample.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertEquals(5, HtmlSheetTest.count(text, "Wi-Fi: MamaMboga-Free"), text);
            assertEquals(4, HtmlSheetTest.count(text, "Wi-Fi: Kibera Café Wi-Fi"), text);
            BufferedImage page = printerLike(new PDFRenderer(document)).renderImageWithDPI(0, DPI, ImageType.RGB);
            float scale = DPI / 72;
            for (int i = 0; i < VoucherSheets.CARDS_PER_PAGE; i++) {
                int top = Math.round((SheetLayout.PAGE_HEIGHT - SheetLayout.cardY(i) - SheetLayout.CARD_HEIGHT) * scale);
                int height = Math.round(SheetLayout.CARD_HEIGHT * scale);
                int left = Math.round((SheetLayout.cardX(i) + 2 * SheetLayout.PADDING + SheetLayout.QR_SIDE) * scale);
                int right = Math.round((SheetLayout.cardX(i) + SheetLayout.CARD_WIDTH - SheetLayout.PADDING) * scale);
                int inked = inkedRows(page, left, right, top + 3, top + height - 3);
                // A third of the card's height left blank was the old layout; rows of text reach near both edges now.
                assertTrue(firstInk(page, left, right, top + 3, top + height - 3) < top + height / 10, "card " + i);
                assertTrue(lastInk(page, left, right, top + 3, top + height - 3) > top + height * 9 / 10, "card " + i);
                assertTrue(inked > 0);
                assertEquals(sheet.loginUrl(codes.get(i)), QrDecoding.decode(page.getSubimage(
                        Math.round(SheetLayout.qrX(i) * scale),
                        Math.round((SheetLayout.PAGE_HEIGHT - SheetLayout.qrY(i) - SheetLayout.QR_SIDE) * scale),
                        Math.round(SheetLayout.QR_SIDE * scale), Math.round(SheetLayout.QR_SIDE * scale))));
            }
        }
        assertThrows(ValidationException.class, () -> VoucherSheet.forPlan("Net", plan, "http://hotspot.lan/login",
                codes, Map.of(codes.get(0), "a network name longer than thirty-two bytes")));
        assertThrows(ValidationException.class, () -> VoucherSheet.forPlan("Net", plan, "http://hotspot.lan/login",
                codes.subList(0, 1), Map.of(codes.get(1), "Other")));
    }

    private static boolean inked(BufferedImage image, int left, int right, int y) {
        for (int x = left; x < right; x++) {
            if ((image.getRGB(x, y) & 0xff) < 128) {
                return true;
            }
        }
        return false;
    }

    private static int inkedRows(BufferedImage image, int left, int right, int from, int to) {
        int n = 0;
        for (int y = from; y < to; y++) {
            n += inked(image, left, right, y) ? 1 : 0;
        }
        return n;
    }

    private static int firstInk(BufferedImage image, int left, int right, int from, int to) {
        for (int y = from; y < to; y++) {
            if (inked(image, left, right, y)) {
                return y;
            }
        }
        return to;
    }

    private static int lastInk(BufferedImage image, int left, int right, int from, int to) {
        for (int y = to - 1; y >= from; y--) {
            if (inked(image, left, right, y)) {
                return y;
            }
        }
        return from;
    }

    @Test
    void longCodesStillFitAndDecode() throws IOException {
        List<String> codes = codes(2, VoucherCodes.MAX_LENGTH);
        VoucherSheet sheet = VoucherSheet.forPlan("Net", plan, "https://login.example.net/login", codes);

        try (PDDocument document = Loader.loadPDF(VoucherSheets.pdf(sheet))) {
            BufferedImage page = printerLike(new PDFRenderer(document)).renderImageWithDPI(0, DPI, ImageType.RGB);
            float scale = DPI / 72;
            int x = Math.round(SheetLayout.qrX(1) * scale);
            int y = Math.round((SheetLayout.PAGE_HEIGHT - SheetLayout.qrY(1) - SheetLayout.QR_SIDE) * scale);
            int side = Math.round(SheetLayout.QR_SIDE * scale);
            assertEquals(sheet.loginUrl(codes.get(1)), QrDecoding.decode(page.getSubimage(x, y, side, side)));
            assertTrue(new PDFTextStripper().getText(document).contains(VoucherCodes.group(codes.get(0))));
        }
    }

    @Test
    void refusesSheetsThatCannotBePrintedCorrectly() {
        List<String> one = codes(1, 10);
        assertThrows(ValidationException.class, () -> new VoucherSheet("Net", "Plan", "KES 1.00", "1 hour",
                "javascript:alert(1)", one));
        assertThrows(ValidationException.class, () -> new VoucherSheet("Net", "Plan", "KES 1.00", "1 hour",
                "http://hotspot.lan/login", List.of()));
        assertThrows(ValidationException.class, () -> new VoucherSheet("Net", "Plan", "KES 1.00", "1 hour",
                "http://hotspot.lan/login", List.of("not-a-code")));
        assertThrows(ValidationException.class, () -> new VoucherSheet("Net", "Plan", "KES 1.00", "1 hour",
                "http://hotspot.lan/login", List.of(one.get(0), one.get(0))));
    }
}
