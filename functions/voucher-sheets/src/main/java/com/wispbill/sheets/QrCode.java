package com.wispbill.sheets;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QR code as modules (no quiet zone; renderers leave {@link #QUIET_ZONE} modules of white around it),
 * with error correction M (15 %): survives a smudge or a fold on a paper slip.
 *
 * <p>Every code is read back before it is used. ZXing's detector (the one in many Android scanner
 * apps) misses about one in a hundred of these login URLs with the mask the encoder prefers, although
 * the code is valid (data modules that look like a finder pattern to it); for those another of the
 * eight masks is chosen, so every printed code scans with it too.
 */
public final class QrCode {
    public static final int QUIET_ZONE = 4;

    /** A horizontal run of dark modules in row {@code y} from column {@code x}, {@code length} long. */
    record Run(int x, int y, int length) {
    }

    private final int size;
    private final List<Run> runs;

    private QrCode(int size, List<Run> runs) {
        this.size = size;
        this.runs = runs;
    }

    public static QrCode encode(String text) {
        ByteMatrix preferred = matrix(text, null);
        if (readsBack(preferred, text)) {
            return fromMatrix(preferred);
        }
        for (int mask = 0; mask < 8; mask++) {
            ByteMatrix masked = matrix(text, mask);
            if (readsBack(masked, text)) {
                return fromMatrix(masked);
            }
        }
        // No mask helps this reader (never seen); the code itself is valid, so print the preferred one.
        return fromMatrix(preferred);
    }

    private static ByteMatrix matrix(String text, Integer mask) {
        try {
            return (mask == null
                    ? Encoder.encode(text, ErrorCorrectionLevel.M)
                    : Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.QR_MASK_PATTERN, mask)))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for a " + text.length() + " character text", e);
        }
    }

    /** Paints the modules at 3 pixels each with the quiet zone and decodes them as a scanner would. */
    private static boolean readsBack(ByteMatrix matrix, String text) {
        int scale = 3;
        int side = (matrix.getWidth() + 2 * QUIET_ZONE) * scale;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            int my = y / scale - QUIET_ZONE;
            for (int x = 0; x < side; x++) {
                int mx = x / scale - QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight()
                        && matrix.get(mx, my) == 1;
                pixels[y * side + x] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        try {
            String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(side, side, pixels))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            return text.equals(read);
        } catch (ReaderException e) {
            return false;
        }
    }

    private static QrCode fromMatrix(ByteMatrix matrix) {
        // Runs instead of single modules: a card's QR code is a few hundred rectangles, not a thousand.
        List<Run> runs = new ArrayList<>();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (matrix.get(x, y) == 1) {
                    int start = x;
                    while (x < matrix.getWidth() && matrix.get(x, y) == 1) {
                        x++;
                    }
                    runs.add(new Run(start, y, x - start));
                } else {
                    x++;
                }
            }
        }
        return new QrCode(matrix.getWidth(), List.copyOf(runs));
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return size;
    }

    /**
     * Dark modules as one SVG path in module units (viewBox {@code 0 0 size size}, plus the quiet zone around):
     * each run is a 1-unit-wide stroke through the middle of its row (butt caps, so it covers exactly its
     * modules), written relative to the previous run of the row. About 2 KB per code, under half the size of a
     * rectangle per run. Draw it with {@code fill="none"}, a black stroke of width 1 (the default).
     */
    public String svgPath() {
        StringBuilder d = new StringBuilder();
        int row = -1;
        int end = 0;
        for (Run run : runs) {
            if (run.y() != row) {
                d.append('M').append(run.x()).append(' ').append(run.y()).append(".5");
                row = run.y();
            } else {
                d.append('m').append(run.x() - end).append(" 0");
            }
            d.append('h').append(run.length());
            end = run.x() + run.length();
        }
        return d.toString();
    }

    List<Run> runs() {
        return runs;
    }
}
