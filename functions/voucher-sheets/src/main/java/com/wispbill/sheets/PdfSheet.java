package com.wispbill.sheets;

import com.wispbill.domain.VoucherCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The sheet as a PDF: the same layout as the HTML sheet, QR codes drawn as vector rectangles (sharp
 * at any printer resolution), text in the standard Helvetica and Courier fonts (nothing embedded, so
 * pages stay small). Those fonts cover Latin-1 (WinAnsi); other characters print as '?'.
 */
final class PdfSheet {
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
    private static final float CODE_SIZE = 13;
    private static final float MIN_CODE_SIZE = 6;

    /** The texts every card repeats, made printable once per sheet. */
    private record Texts(String reseller, String plan, String price, List<String> validity, List<String> hint) {
    }

    private PdfSheet() {
    }

    static byte[] render(VoucherSheet sheet) {
        float textWidth = SheetLayout.TEXT_WIDTH;
        Texts texts = new Texts(
                fit(printable(sheet.resellerName(), BOLD), BOLD, 11, textWidth),
                fit(printable(sheet.planName(), REGULAR), REGULAR, 10, textWidth),
                fit(printable(sheet.priceText(), BOLD), BOLD, 14, textWidth),
                wrap(printable(sheet.validityText(), REGULAR), REGULAR, 8, textWidth, 3),
                wrap(printable("Scan to log in, or open " + HtmlSheet.host(sheet.loginUrlBase()) + " and enter the code",
                        REGULAR), REGULAR, 7, textWidth, 2));
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle(texts.reseller() + " - " + texts.plan() + " vouchers");
            for (List<String> codes : SheetLayout.pages(sheet.codes())) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (int i = 0; i < codes.size(); i++) {
                        card(content, i, sheet, codes.get(i), texts, textWidth);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the voucher sheet PDF", e);
        }
    }

    private static void card(PDPageContentStream content, int index, VoucherSheet sheet, String code, Texts texts,
                             float textWidth) throws IOException {
        float x = SheetLayout.cardX(index);
        float y = SheetLayout.cardY(index);
        content.setStrokingColor(0.45f);
        content.setLineWidth(0.5f);
        content.setLineDashPattern(new float[]{3, 3}, 0);
        content.addRect(x, y, SheetLayout.CARD_WIDTH, SheetLayout.CARD_HEIGHT);
        content.stroke();
        content.setLineDashPattern(new float[]{}, 0);

        qr(content, QrCode.encode(sheet.loginUrl(code)), SheetLayout.qrX(index), SheetLayout.qrY(index));

        // What describes the card from the top, the code and how to use it from the bottom: the text
        // column is as tall as the card, nothing left blank under a short text.
        float textX = x + 2 * SheetLayout.PADDING + SheetLayout.QR_SIDE;
        float line = y + SheetLayout.CARD_HEIGHT - SheetLayout.PADDING;
        line = text(content, texts.reseller(), BOLD, 11, textX, line);
        line = text(content, texts.plan(), REGULAR, 10, textX, line);
        line = text(content, texts.price(), BOLD, 14, textX, line - 1);
        for (String wifiLine : sheet.wifiName(code).map(w -> wrap(printable(HtmlSheet.wifiLine(w), BOLD), BOLD, 9, textWidth, 2))
                .orElse(List.of())) {
            line = text(content, wifiLine, BOLD, 9, textX, line - 1);
        }
        for (String validityLine : texts.validity()) {
            line = text(content, validityLine, REGULAR, 8, textX, line - 1);
        }

        String display = VoucherCodes.group(code);
        float codeSize = CODE_SIZE;
        while (codeSize > MIN_CODE_SIZE && width(display, MONO, codeSize) > textWidth) {
            codeSize -= 0.5f;
        }
        float bottom = y + SheetLayout.PADDING;
        List<String> hint = texts.hint();
        for (int i = hint.size() - 1; i >= 0; i--) {
            bottom = textAbove(content, hint.get(i), REGULAR, 7, textX, bottom);
        }
        textAbove(content, display, MONO, codeSize, textX, bottom + 2);
    }

    /** Writes one line whose descent sits on {@code bottom}; returns the top of the line, for the one above. */
    private static float textAbove(PDPageContentStream content, String text, PDType1Font font, float size, float x,
                                   float bottom) throws IOException {
        float baseline = bottom + size * 0.25f;
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
        return baseline + size;
    }

    /** Dark runs as filled rectangles; rows run top-down, PDF y runs bottom-up. */
    private static void qr(PDPageContentStream content, QrCode qr, float x, float y) throws IOException {
        int quiet = QrCode.QUIET_ZONE;
        float module = SheetLayout.QR_SIDE / (qr.size() + 2 * quiet);
        content.setNonStrokingColor(0f);
        for (QrCode.Run run : qr.runs()) {
            content.addRect(x + (quiet + run.x()) * module, y + SheetLayout.QR_SIDE - (quiet + run.y() + 1) * module,
                    run.length() * module, module);
        }
        content.fill();
    }

    /** Writes one line below {@code top}; returns the new top. */
    private static float text(PDPageContentStream content, String text, PDType1Font font, float size, float x, float top)
            throws IOException {
        float baseline = top - size;
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
        return baseline - size * 0.25f;
    }

    private static float width(String text, PDType1Font font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with every character the font cannot encode replaced by '?'. */
    static String printable(String text, PDType1Font font) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** One line, cut with "..." if too wide. */
    private static String fit(String text, PDType1Font font, float size, float maxWidth) {
        if (width(text, font, size) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "...", font, size) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.stripTrailing() + "...";
    }

    /** Word-wrapped into at most {@code maxLines} lines; the last one cut if needed. */
    private static List<String> wrap(String text, PDType1Font font, float size, float maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String candidate = current.isEmpty() ? words[i] : current + " " + words[i];
            if (width(candidate, font, size) <= maxWidth || current.isEmpty()) {
                current = new StringBuilder(candidate);
            } else {
                lines.add(current.toString());
                current = new StringBuilder(words[i]);
                if (lines.size() == maxLines - 1) {
                    StringBuilder rest = new StringBuilder(current);
                    for (int j = i + 1; j < words.length; j++) {
                        rest.append(' ').append(words[j]);
                    }
                    lines.add(fit(rest.toString(), font, size, maxWidth));
                    return lines;
                }
            }
        }
        lines.add(fit(current.toString(), font, size, maxWidth));
        return lines;
    }
}
