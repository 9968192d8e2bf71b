package com.wispbill.sheets;

import java.util.ArrayList;
import java.util.List;

/**
 * Card geometry shared by the HTML and PDF sheets: A4 portrait, 10 mm margins, 2 columns × 5 rows of
 * 95 × 55 mm cards (business-card sized slips), the QR code 45 mm square at the card's left (as tall
 * as the card allows, so phones read it from further away), the text filling the card's height beside it:
 * name, plan, price, Wi-Fi and validity from the top, the code and how to use it from the bottom.
 * Lengths in PDF points (1/72 inch); the PDF origin is the bottom left corner.
 */
final class SheetLayout {
    static final int COLUMNS = 2;
    static final int ROWS = 5;
    static final int CARDS_PER_PAGE = COLUMNS * ROWS;

    static final float MM = 72f / 25.4f;
    static final float PAGE_WIDTH = 210 * MM;
    static final float PAGE_HEIGHT = 297 * MM;
    static final float MARGIN = 10 * MM;
    static final float CARD_WIDTH = 95 * MM;
    static final float CARD_HEIGHT = 55 * MM;
    static final float PADDING = 3 * MM;
    static final float QR_SIDE = 45 * MM;
    /** Width of the text beside the QR code. */
    static final float TEXT_WIDTH = CARD_WIDTH - 3 * PADDING - QR_SIDE;

    private SheetLayout() {
    }

    /** The codes split into pages, in order. */
    static List<List<String>> pages(List<String> codes) {
        List<List<String>> pages = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += CARDS_PER_PAGE) {
            pages.add(codes.subList(from, Math.min(codes.size(), from + CARDS_PER_PAGE)));
        }
        return pages;
    }

    /** Left edge of the card at {@code index} on its page. */
    static float cardX(int index) {
        return MARGIN + (index % COLUMNS) * CARD_WIDTH;
    }

    /** Bottom edge of the card at {@code index} on its page (cards fill rows from the top). */
    static float cardY(int index) {
        int row = index / COLUMNS;
        return PAGE_HEIGHT - MARGIN - (row + 1) * CARD_HEIGHT;
    }

    /** Bottom left corner of the QR code's square (quiet zone included) in the card at {@code index}. */
    static float qrX(int index) {
        return cardX(index) + PADDING;
    }

    static float qrY(int index) {
        return cardY(index) + (CARD_HEIGHT - QR_SIDE) / 2;
    }
}
