/* picture.h - profile pictures (R-PROF): a JPEG or PNG upload decoded by libgd, checked and
 * re-encoded by the server (metadata gone, fixed square sizes), whatever its name or type claims. */
#ifndef TR_PICTURE_H
#define TR_PICTURE_H

#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"

#define TR_PICTURE_LARGE 256   /* pixels, the profile page */
#define TR_PICTURE_SMALL 64    /* pixels, next to comments (shown at 32-40 CSS pixels) */

enum tr_image_type { TR_IMAGE_NONE = 0, TR_IMAGE_PNG, TR_IMAGE_JPEG };

/* The type and size an image's header declares, read from its first bytes only (pure):
 * 1 found, 0 not a PNG or JPEG we can read the size of. */
int tr_image_sniff(const unsigned char *buf, size_t n, enum tr_image_type *type, int *w, int *h);

/* Decodes the file at path (size bytes) and stores the picture of user_id. Refused - without
 * decoding - when larger than Profile.picture_max_bytes (5 MB) or when the header declares more
 * than Profile.picture_max_pixels (16 million) or a side over 8192; refused when it does not
 * decode. TR_E_INVALID with the problem for field "picture". Audited. */
int tr_picture_save(int64_t user_id, const char *path, int64_t size, tr_problems *p);
/* Removes the picture. Audited. */
int tr_picture_delete(int64_t user_id);
/* The stored JPEG (pool memory): 1 found, 0 none, <0 trouble. */
int tr_picture_get(int64_t user_id, int large, const char **data, size_t *len);

#endif
