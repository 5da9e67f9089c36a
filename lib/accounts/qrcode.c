/* qrcode.c - the two-factor enrolment's QR code: libqrencode drawn as a PNG with libgd.
 * A file of its own so that the sign-in, which checks codes only, does not load libgd. */
#include "accounts/totp.h"
#include "core/pool.h"

#include <gd.h>
#include <qrencode.h>
#include <sodium.h>

const char *tr_qr_data_uri(const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return NULL;
	const int scale = 6, margin = 4;
	int size = (qr->width + 2 * margin) * scale;
	gdImagePtr im = gdImageCreate(size, size);
	const char *uri = NULL;
	if (im) {
		int white = gdImageColorAllocate(im, 255, 255, 255);
		int black = gdImageColorAllocate(im, 0, 0, 0);
		gdImageFilledRectangle(im, 0, 0, size - 1, size - 1, white);
		for (int y = 0; y < qr->width; y++)
			for (int x = 0; x < qr->width; x++)
				if (qr->data[y * qr->width + x] & 1)
					gdImageFilledRectangle(im, (x + margin) * scale, (y + margin) * scale,
							       (x + margin + 1) * scale - 1, (y + margin + 1) * scale - 1, black);
		int len = 0;
		void *png = gdImagePngPtr(im, &len);
		if (png && len > 0) {
			size_t b64len = sodium_base64_encoded_len((size_t)len, sodium_base64_VARIANT_ORIGINAL);
			char *b64 = tr_alloc(b64len);
			sodium_bin2base64(b64, b64len, png, (size_t)len, sodium_base64_VARIANT_ORIGINAL);
			uri = tr_fmt("data:image/png;base64,%s", b64);
		}
		if (png)
			gdFree(png);
		gdImageDestroy(im);
	}
	QRcode_free(qr);
	return uri;
}
