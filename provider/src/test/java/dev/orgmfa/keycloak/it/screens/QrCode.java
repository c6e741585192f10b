package dev.orgmfa.keycloak.it.screens;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Reads a QR code shown as a {@code data:image/png;base64,...} image, as a phone's camera would. */
final class QrCode {

    private QrCode() {}

    static String decode(String dataUri) {
        String prefix = "data:image/png;base64,";
        if (!dataUri.startsWith(prefix)) {
            throw new IllegalArgumentException(
                    "not a PNG data URI: " + dataUri.substring(0, Math.min(40, dataUri.length())));
        }
        try {
            BufferedImage image = ImageIO.read(
                    new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(prefix.length()))));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(source)))
                    .getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("the QR code cannot be read", e);
        }
    }
}
