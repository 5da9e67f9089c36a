/* csrf.c - CSRF tokens masked afresh for every response, so that no two pages carry the same bytes. */
#include "web/csrf.h"
#include "core/pool.h"
#include "core/util.h"

#include <sodium.h>

/* A response's token: a fresh random mask, then the token XORed with it. No two responses carry
 * the same bytes, so a compressed page's size, however much of it an attacker's input reflects,
 * tells nothing about the token (BREACH). */
const char *tr_csrf_masked(const tr_req *req)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES], both[2 * sizeof(mac)];
	if (!req->csrf || tr_b64url_decode(req->csrf, mac, sizeof(mac)) < 0)
		return NULL;
	randombytes_buf(both, sizeof(mac));
	for (size_t i = 0; i < sizeof(mac); i++)
		both[sizeof(mac) + i] = both[i] ^ mac[i];
	char *out = tr_alloc(4 * sizeof(both) / 3 + 4);
	tr_b64url_encode(both, sizeof(both), out);
	return out;
}

int tr_csrf_ok(tr_req *req, const char *token)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES], both[2 * sizeof(mac)];
	if (!token || !req->csrf || tr_b64url_decode(req->csrf, mac, sizeof(mac)) < 0 ||
	    tr_b64url_decode(token, both, sizeof(both)) < 0)
		return 0;
	for (size_t i = 0; i < sizeof(mac); i++)
		both[i] ^= both[sizeof(mac) + i];
	return sodium_memcmp(both, mac, sizeof(mac)) == 0;
}
