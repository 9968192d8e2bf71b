package com.wispbill.sheets;

/**
 * Printable voucher sheets: the entry point for the API ({@code GET /v1/voucher-batches/{id}/sheet}).
 *
 * <pre>{@code
 * VoucherSheet sheet = VoucherSheet.forPlan(reseller.name(), plan, "http://hotspot.lan/login", codes);
 * String html = VoucherSheets.html(sheet);   // Content-Type: VoucherSheets.HTML_CONTENT_TYPE
 * byte[] pdf = VoucherSheets.pdf(sheet);     // Content-Type: VoucherSheets.PDF_CONTENT_TYPE
 * }</pre>
 * Both are A4 pages of {@value #CARDS_PER_PAGE} cards; each card shows the reseller, plan, price,
 * validity, the code (grouped for reading, e.g. {@code ABCD-EFGH-JK}) and a QR code of
 * {@link VoucherSheet#loginUrl}. A sheet holds secrets (every code on it works): serve it only to
 * the batch's reseller, with {@code Cache-Control: no-store}.
 */
public final class VoucherSheets {
    public static final String HTML_CONTENT_TYPE = "text/html; charset=utf-8";
    public static final String PDF_CONTENT_TYPE = "application/pdf";
    public static final int CARDS_PER_PAGE = SheetLayout.CARDS_PER_PAGE;

    private VoucherSheets() {
    }

    /** A self-contained printable HTML page (inline CSS and SVG, nothing loaded from elsewhere). */
    public static String html(VoucherSheet sheet) {
        return HtmlSheet.render(sheet);
    }

    /** A PDF document, one A4 page per {@value #CARDS_PER_PAGE} codes. */
    public static byte[] pdf(VoucherSheet sheet) {
        return PdfSheet.render(sheet);
    }
}
