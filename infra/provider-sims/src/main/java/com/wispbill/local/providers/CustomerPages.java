package com.wispbill.local.providers;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a customer sees of a provider, as web pages of the stand-in, so a person trying the hotspot
 * page locally can pay or refuse: the phone's M-Pesa STK prompts ({@code GET /mpesa/phone}, Send or
 * Cancel) and the hosted checkout of Paystack, Stripe and Midtrans ({@code GET /checkout/<reference>},
 * Pay or Decline). Each answer makes the stand-in send the callback the provider would send.
 */
final class CustomerPages {
    private CustomerPages() {
    }

    static String prompts(List<TransactionSnapshot> pending) {
        StringBuilder rows = new StringBuilder();
        for (TransactionSnapshot t : pending) {
            String ref = escape(t.reference());
            rows.append("<section class=\"prompt\" id=\"prompt-").append(ref).append("\">")
                .append("<p>Do you want to pay <strong>").append(escape(t.currency())).append(' ')
                .append(amount(t.amountMinor())).append("</strong> from ").append(escape(t.phone()))
                .append("? Enter your M-Pesa PIN.</p>")
                .append("<form method=\"post\" action=\"/mpesa/phone/").append(ref).append("/pay\">")
                .append("<label>PIN <input type=\"password\" inputmode=\"numeric\" name=\"pin\" value=\"0000\"></label>")
                .append("<button id=\"pay-").append(ref).append("\">Send</button></form>")
                .append("<form method=\"post\" action=\"/mpesa/phone/").append(ref).append("/cancel\">")
                .append("<button class=\"cancel\" id=\"cancel-").append(ref).append("\">Cancel</button></form></section>");
        }
        if (pending.isEmpty()) {
            rows.append("<p id=\"no-prompts\">No M-Pesa prompt is waiting. Start a purchase on the hotspot page, then reload.</p>");
        }
        return page("M-Pesa prompts (stand-in)", rows.toString());
    }

    static String checkout(TransactionSnapshot t) {
        String ref = escape(t.reference());
        return page(t.provider().name().charAt(0) + t.provider().name().substring(1).toLowerCase(java.util.Locale.ROOT)
            + " checkout (stand-in)", "<section class=\"prompt\"><p>Pay <strong>" + escape(t.currency()) + ' '
            + amount(t.amountMinor()) + "</strong>?</p>"
            + "<form method=\"post\" action=\"/checkout/" + ref + "/pay\"><button id=\"checkout-pay\">Pay</button></form>"
            + "<form method=\"post\" action=\"/checkout/" + ref + "/decline\"><button class=\"cancel\" id=\"checkout-decline\">"
            + "Decline</button></form></section>");
    }

    static String answered(String title, String detail) {
        return page(title, "<p id=\"answer\">" + escape(detail) + "</p><p><a href=\"/mpesa/phone\">Back to the prompts</a></p>");
    }

    private static String amount(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(2).toPlainString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title>"
            + "<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:0 auto;padding:12px;background:#eef7ee}"
            + ".prompt{background:#fff;border-radius:10px;padding:12px;margin:10px 0}button{padding:10px 16px;margin:4px 0;"
            + "background:#2e7d32;color:#fff;border:0;border-radius:6px}button.cancel{background:#757575}</style></head><body>"
            + "<h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
