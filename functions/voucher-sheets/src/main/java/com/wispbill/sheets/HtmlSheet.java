package com.wispbill.sheets;

import com.wispbill.domain.VoucherCodes;
import java.net.URI;
import java.util.List;

/**
 * The sheet as one self-contained HTML page (inline CSS and SVG QR codes, nothing fetched): A4 pages
 * of {@value SheetLayout#CARDS_PER_PAGE} cards with dashed cut lines, each page breaking before the next
 * when printed. All text is escaped.
 */
final class HtmlSheet {
    private static final String CSS = """
            @page { size: A4; margin: 10mm; }
            * { box-sizing: border-box; }
            body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #000; }
            .page { display: grid; grid-template-columns: 95mm 95mm; grid-auto-rows: 55mm; width: 190mm;
                    break-after: page; page-break-after: always; }
            .page:last-child { break-after: auto; page-break-after: auto; }
            .card { border: 1px dashed #777; padding: 3mm; display: flex; align-items: center; gap: 3mm; overflow: hidden;
                    break-inside: avoid; page-break-inside: avoid; }
            .qr { width: 45mm; height: 45mm; flex: none; }
            .info { min-width: 0; height: 100%; display: flex; flex-direction: column; justify-content: space-between; }
            .info > div { display: flex; flex-direction: column; gap: 0.6mm; }
            .reseller { font-weight: bold; font-size: 11pt; }
            .plan { font-size: 10pt; }
            .price { font-weight: bold; font-size: 14pt; }
            .wifi { font-weight: bold; font-size: 9pt; overflow-wrap: anywhere; }
            .validity { font-size: 8pt; }
            .code { font-family: "Courier New", Courier, monospace; font-weight: bold; font-size: 13pt; white-space: nowrap; }
            .hint { font-size: 7pt; color: #333; }
            @media screen { body { background: #ddd; } .page { background: #fff; margin: 10mm auto; } }
            """;

    private HtmlSheet() {
    }

    static String render(VoucherSheet sheet) {
        StringBuilder html = new StringBuilder(4096 + sheet.codes().size() * 3000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n<title>")
                .append(escape(sheet.resellerName() + " - " + sheet.planName() + " vouchers"))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        String hint = "Scan to log in, or open " + host(sheet.loginUrlBase()) + " and enter the code";
        List<List<String>> pages = SheetLayout.pages(sheet.codes());
        for (List<String> page : pages) {
            html.append("<section class=\"page\">\n");
            for (String code : page) {
                card(html, sheet, code, hint);
            }
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void card(StringBuilder html, VoucherSheet sheet, String code, String hint) {
        html.append("<div class=\"card\">");
        qrSvg(html, QrCode.encode(sheet.loginUrl(code)));
        html.append("<div class=\"info\"><div>")
                .append("<div class=\"reseller\">").append(escape(sheet.resellerName())).append("</div>")
                .append("<div class=\"plan\">").append(escape(sheet.planName())).append("</div>")
                .append("<div class=\"price\">").append(escape(sheet.priceText())).append("</div>");
        sheet.wifiName(code).ifPresent(wifi ->
                html.append("<div class=\"wifi\">").append(escape(wifiLine(wifi))).append("</div>"));
        html.append("<div class=\"validity\">").append(escape(sheet.validityText())).append("</div>")
                .append("</div><div>")
                .append("<div class=\"code\">").append(escape(VoucherCodes.group(code))).append("</div>")
                .append("<div class=\"hint\">").append(escape(hint)).append("</div>")
                .append("</div></div></div>\n");
    }

    /** The code as SVG: a white square with the quiet zone, the dark modules as one path ({@link QrCode#svgPath}). */
    private static void qrSvg(StringBuilder html, QrCode qr) {
        int q = QrCode.QUIET_ZONE;
        int side = qr.size() + 2 * q;
        html.append("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
                .append(-q).append(' ').append(-q).append(' ').append(side).append(' ').append(side)
                .append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code to log in\">")
                .append("<rect x=\"").append(-q).append("\" y=\"").append(-q).append("\" width=\"").append(side)
                .append("\" height=\"").append(side).append("\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"")
                .append(qr.svgPath()).append("\"/></svg>");
    }

    /** "Wi-Fi: MamaMboga-Free", the network to join before logging in. */
    static String wifiLine(String wifiName) {
        return "Wi-Fi: " + wifiName;
    }

    static String host(String url) {
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
