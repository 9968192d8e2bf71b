package com.wispbill.sheets;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Reads a QR code back from pixels with ZXing's reader. Like a phone's scanner, which tries frame after
 * frame, it tries both of ZXing's binarizers, then ZXing's pure-barcode mode (the images here are
 * exact crops of one code and its quiet zone, which is what that mode expects) before giving up.
 */
final class QrDecoding {
    private QrDecoding() {
    }

    static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        Map<DecodeHintType, Object> hints = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
        } catch (ReaderException first) {
            try {
                return new QRCodeReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), hints).getText();
            } catch (ReaderException second) {
                try {
                    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
                } catch (ReaderException third) {
                    throw new AssertionError("no readable QR code in the image: " + first + ", " + second + ", "
                            + third, third);
                }
            }
        }
    }
}
