/* token.c - random 256-bit tokens for links and cookies; only their SHA-256 is ever stored. */
#include "core/token.h"
#include "core/util.h"

#include <sodium.h>

#define TOKEN_BYTES 32

void tr_token_new(char token[44], char hash[65])
{
	unsigned char raw[TOKEN_BYTES], h[crypto_hash_sha256_BYTES];
	randombytes_buf(raw, sizeof(raw));
	tr_b64url_encode(raw, sizeof(raw), token);
	crypto_hash_sha256(h, raw, sizeof(raw));
	tr_hex_encode(h, sizeof(h), hash);
	sodium_memzero(raw, sizeof(raw));
}

int tr_token_hash(const char *token, char hash[65])
{
	unsigned char raw[TOKEN_BYTES], h[crypto_hash_sha256_BYTES];
	if (!token || tr_b64url_decode(token, raw, sizeof(raw)) < 0)
		return -1;
	crypto_hash_sha256(h, raw, sizeof(raw));
	tr_hex_encode(h, sizeof(h), hash);
	return 0;
}
