/* picture.c - profile pictures: the header is read first (sizes of a decompression bomb are
 * refused before any pixel is decoded), then libgd decodes by the content's own signature and
 * writes fresh JPEGs: nothing of the upload but its pixels survives. */
#include "accounts/picture.h"
#include "accounts/profile.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/result.h"
#include "db/db.h"

#include <gd.h>
#include <stdio.h>
#include <string.h>

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

int tr_image_sniff(const unsigned char *b, size_t n, enum tr_image_type *type, int *w, int *h)
{
	*type = TR_IMAGE_NONE;
	*w = *h = 0;
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (n >= 24 && !memcmp(b, png, 8)) {
		if (memcmp(b + 12, "IHDR", 4))
			return 0;
		unsigned long pw = be32(b + 16), ph = be32(b + 20);
		if (!pw || !ph || pw > 0x7fffffffUL || ph > 0x7fffffffUL)
			return 0;
		*type = TR_IMAGE_PNG;
		*w = (int)pw;
		*h = (int)ph;
		return 1;
	}
	if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
		size_t i = 2;
		while (i + 4 <= n) {
			if (b[i] != 0xFF)
				return 0;
			unsigned char m = b[i + 1];
			if (m == 0xFF) {          /* fill byte */
				i++;
				continue;
			}
			if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {   /* no length */
				i += 2;
				continue;
			}
			if (m == 0xD9 || m == 0xDA)   /* end, or the scan before any frame header */
				return 0;
			unsigned len = be16(b + i + 2);
			if (len < 2)
				return 0;
			/* SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC) */
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				if (i + 9 > n || len < 7)
					return 0;
				*h = (int)be16(b + i + 5);
				*w = (int)be16(b + i + 7);
				if (!*w || !*h)
					return 0;
				*type = TR_IMAGE_JPEG;
				return 1;
			}
			i += 2 + len;
		}
	}
	return 0;
}

/* A square of side px cut from the middle of src and scaled, as JPEG (gdFree the result). */
static void *square_jpeg(gdImagePtr src, int px, int *len)
{
	int w = gdImageSX(src), h = gdImageSY(src);
	int side = w < h ? w : h;
	gdImagePtr dst = gdImageCreateTrueColor(px, px);
	if (!dst)
		return NULL;
	/* transparent pixels of a PNG become white */
	gdImageFilledRectangle(dst, 0, 0, px - 1, px - 1, gdTrueColor(255, 255, 255));
	gdImageAlphaBlending(dst, 1);
	gdImageCopyResampled(dst, src, 0, 0, (w - side) / 2, (h - side) / 2, px, px, side, side);
	void *out = gdImageJpegPtr(dst, len, 85);
	gdImageDestroy(dst);
	return out;
}

typedef struct pic_ctx {
	int64_t user_id;
	const void *large, *small;
	int large_len, small_len;
} pic_ctx;

static int save_tx(void *ctx)
{
	pic_ctx *c = ctx;
	tr_q *q = tr_q_new("REPLACE INTO user_pictures (user_id, small, large, updated_at) VALUES (?, ?, ?, NOW())");
	tr_q_i64(q, c->user_id);
	tr_q_strn(q, c->small, (size_t)c->small_len);
	tr_q_strn(q, c->large, (size_t)c->large_len);
	int rc = tr_q_exec(q);
	tr_q_end(q);
	if (rc < 0)
		return rc;
	int64_t n = tr_db_run("UPDATE users SET picture_version = picture_version + 1 WHERE id = ?", "l", c->user_id);
	if (n < 0)
		return (int)n;
	return tr_account_event(c->user_id, c->user_id, "picture", NULL);
}

int tr_picture_save(int64_t user_id, const char *path, int64_t size, tr_problems *p)
{
	if (size <= 0 || size > tr_cfg_int("Profile.picture_max_bytes", 5 * 1024 * 1024)) {
		tr_problem_add(p, "picture", size <= 0 ? "profile.picture_invalid" : "profile.picture_too_large", NULL);
		return TR_E_INVALID;
	}
	FILE *f = fopen(path, "rb");
	if (!f)
		return TR_DB_ERR;
	unsigned char *buf = tr_alloc((size_t)size);
	size_t got = fread(buf, 1, (size_t)size, f);
	fclose(f);
	if (got != (size_t)size)
		return TR_DB_ERR;
	enum tr_image_type type;
	int w, h;
	if (!tr_image_sniff(buf, got, &type, &w, &h)) {
		tr_problem_add(p, "picture", "profile.picture_invalid", NULL);
		return TR_E_INVALID;
	}
	long max_px = tr_cfg_int("Profile.picture_max_pixels", 16 * 1000 * 1000);
	if (w > 8192 || h > 8192 || (long long)w * h > max_px) {
		tr_info("picture refused: %dx%d", w, h);
		tr_problem_add(p, "picture", "profile.picture_too_large", NULL);
		return TR_E_INVALID;
	}
	gdImagePtr im = type == TR_IMAGE_PNG ? gdImageCreateFromPngPtr((int)got, buf) :
					       gdImageCreateFromJpegPtrEx((int)got, buf, 1);
	/* what was decoded must be what the header said: nothing else slips through */
	if (!im || gdImageSX(im) != w || gdImageSY(im) != h) {
		if (im)
			gdImageDestroy(im);
		tr_problem_add(p, "picture", "profile.picture_invalid", NULL);
		return TR_E_INVALID;
	}
	pic_ctx c = { .user_id = user_id };
	void *large = square_jpeg(im, TR_PICTURE_LARGE, &c.large_len);
	void *small = square_jpeg(im, TR_PICTURE_SMALL, &c.small_len);
	gdImageDestroy(im);
	int rc = TR_DB_ERR;
	if (large && small) {
		c.large = large;
		c.small = small;
		rc = tr_db_tx(save_tx, &c);
	}
	if (large)
		gdFree(large);
	if (small)
		gdFree(small);
	if (rc == 0)
		tr_info("picture saved user=%lld (%dx%d)", (long long)user_id, w, h);
	return rc;
}

static int delete_tx(void *ctx)
{
	int64_t user_id = *(int64_t *)ctx;
	int64_t n = tr_db_run("DELETE FROM user_pictures WHERE user_id = ?", "l", user_id);
	if (n >= 0)
		n = tr_db_run("UPDATE users SET picture_version = 0 WHERE id = ?", "l", user_id);
	if (n < 0)
		return (int)n;
	return tr_account_event(user_id, user_id, "picture_removed", NULL);
}

int tr_picture_delete(int64_t user_id)
{
	return tr_db_tx(delete_tx, &user_id);
}

int tr_picture_get(int64_t user_id, int large, const char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	tr_q *q = tr_q_new(large ? "SELECT large FROM user_pictures WHERE user_id = ?" :
				   "SELECT small FROM user_pictures WHERE user_id = ?");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int found = 0;
	if (tr_q_next(q) > 0) {
		*len = tr_q_len(q, 0);
		char *copy = tr_alloc(*len + 1);
		memcpy(copy, tr_q_s(q, 0), *len);
		*data = copy;
		found = 1;
	}
	tr_q_end(q);
	return found;
}
