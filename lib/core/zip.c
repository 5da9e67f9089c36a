/* zip.c - a ZIP archive in memory: stored (uncompressed) entries with CRC-32 (zlib), UTF-8 names
 * flagged (bit 11), no ZIP64 - the export stays far below 4 GB. */
#include "core/zip.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

static void le16(tr_buf *b, unsigned v)
{
	unsigned char c[2] = { (unsigned char)(v & 0xff), (unsigned char)(v >> 8 & 0xff) };
	tr_buf_add(b, c, 2);
}

static void le32(tr_buf *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)(v & 0xff), (unsigned char)(v >> 8 & 0xff),
			       (unsigned char)(v >> 16 & 0xff), (unsigned char)(v >> 24 & 0xff) };
	tr_buf_add(b, c, 4);
}

void tr_zip_init(tr_zip *z)
{
	tr_buf_init(&z->out);
	tr_buf_init(&z->dir);
	z->count = 0;
}

void tr_zip_add(tr_zip *z, const char *name, const void *data, size_t len)
{
	uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)data, (uInt)len);
	uint32_t offset = (uint32_t)z->out.len;
	size_t n = strlen(name);
	/* fixed time: 2026-01-01 00:00 in DOS format; the export carries its dates inside */
	unsigned dos_time = 0, dos_date = ((2026 - 1980) << 9) | (1 << 5) | 1;

	le32(&z->out, 0x04034b50);
	le16(&z->out, 20);            /* version needed */
	le16(&z->out, 1u << 11);      /* UTF-8 names */
	le16(&z->out, 0);             /* stored */
	le16(&z->out, dos_time);
	le16(&z->out, dos_date);
	le32(&z->out, crc);
	le32(&z->out, (uint32_t)len);
	le32(&z->out, (uint32_t)len);
	le16(&z->out, (unsigned)n);
	le16(&z->out, 0);
	tr_buf_add(&z->out, name, n);
	tr_buf_add(&z->out, data, len);

	le32(&z->dir, 0x02014b50);
	le16(&z->dir, 20);            /* made by */
	le16(&z->dir, 20);
	le16(&z->dir, 1u << 11);
	le16(&z->dir, 0);
	le16(&z->dir, dos_time);
	le16(&z->dir, dos_date);
	le32(&z->dir, crc);
	le32(&z->dir, (uint32_t)len);
	le32(&z->dir, (uint32_t)len);
	le16(&z->dir, (unsigned)n);
	le16(&z->dir, 0);             /* extra */
	le16(&z->dir, 0);             /* comment */
	le16(&z->dir, 0);             /* disk */
	le16(&z->dir, 0);             /* internal attributes */
	le32(&z->dir, 0);             /* external attributes */
	le32(&z->dir, offset);
	tr_buf_add(&z->dir, name, n);
	z->count++;
}

void tr_zip_finish(tr_zip *z)
{
	uint32_t start = (uint32_t)z->out.len;
	tr_buf_add(&z->out, z->dir.data, z->dir.len);
	le32(&z->out, 0x06054b50);
	le16(&z->out, 0);
	le16(&z->out, 0);
	le16(&z->out, (unsigned)z->count);
	le16(&z->out, (unsigned)z->count);
	le32(&z->out, (uint32_t)z->dir.len);
	le32(&z->out, start);
	le16(&z->out, 0);
}

void tr_zip_free(tr_zip *z)
{
	tr_buf_free(&z->out);
	tr_buf_free(&z->dir);
}
