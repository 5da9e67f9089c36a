/* reply.c - the signed per-ticket reply address and the ticket's thread root. */
#include "mail/reply.h"
#include "core/config.h"
#include "core/email.h"
#include "core/pool.h"
#include "core/util.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#define SIG_BYTES 10            /* 80 bits, as 20 hex digits: short enough for a local part */

const char *tr_mail_intake_address(void)
{
	const char *a = tr_cfg("Intake.address", "");
	return *a ? a : tr_cfg("Mail.from", "");
}

static char delimiter(void)
{
	const char *d = tr_cfg("Intake.delimiter", "+");
	return d[0] && strchr("+-=_.", d[0]) ? d[0] : '+';
}

/* HMAC of "purpose:ticket" under a key derived from the server secret for this use only. */
static void sign(const char *purpose, int64_t ticket_id, unsigned char *out, size_t n)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
	const char *secret = tr_cfg("Security.secret", "");
	static const char ctx[] = "tresen mail reply address";
	crypto_generichash(key, sizeof(key), (const unsigned char *)secret, strlen(secret),
			   (const unsigned char *)ctx, sizeof(ctx) - 1);
	const char *msg = tr_fmt("%s:%lld", purpose, (long long)ticket_id);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	memcpy(out, mac, n);
	sodium_memzero(key, sizeof(key));
}

static const char *sig_hex(const char *purpose, int64_t ticket_id, size_t bytes)
{
	unsigned char mac[SIG_BYTES];
	sign(purpose, ticket_id, mac, bytes);
	char *hex = tr_alloc(bytes * 2 + 1);
	tr_hex_encode(mac, bytes, hex);
	return hex;
}

const char *tr_mail_reply_address(int64_t ticket_id)
{
	const char *base = tr_mail_intake_address();
	if (!tr_email_valid(base) || ticket_id <= 0)
		return NULL;
	const char *at = strrchr(base, '@');
	return tr_fmt("%.*s%ct%lld-%s%s", (int)(at - base), base, delimiter(), (long long)ticket_id,
		      sig_hex("reply", ticket_id, SIG_BYTES), at);
}

/* Splits addr against the intake address: 1 with *plus (NULL when no plus
 * part) when it is the intake address or a plus form of it, else 0. */
static int intake_parts(const char *addr, const char **plus)
{
	const char *base = tr_mail_intake_address();
	*plus = NULL;
	if (!addr || !tr_email_valid(base))
		return 0;
	const char *bat = strrchr(base, '@'), *at = strrchr(addr, '@');
	if (!at || strcasecmp(at, bat))
		return 0;
	size_t blen = (size_t)(bat - base), alen = (size_t)(at - addr);
	if (alen < blen || strncasecmp(addr, base, blen))
		return 0;
	if (alen == blen)
		return 1;
	if (addr[blen] != delimiter())
		return 0;
	*plus = tr_strndup(addr + blen + 1, alen - blen - 1);
	return 1;
}

int tr_mail_is_intake_address(const char *addr)
{
	const char *plus;
	return intake_parts(addr, &plus);
}

enum tr_reply_token tr_mail_reply_token(const char *addr, int64_t *ticket_id)
{
	const char *plus;
	*ticket_id = 0;
	if (!intake_parts(addr, &plus) || !plus)
		return TR_TOKEN_NONE;
	/* t<digits>-<hex>, compared without case (some relays lower-case local parts) */
	char *p = tr_ascii_lower(tr_strdup(plus));
	char *dash = strchr(p, '-');
	int64_t id;
	if (p[0] != 't' || !dash || dash - p > 20)
		return TR_TOKEN_FORGED;
	*dash = '\0';
	if (tr_parse_i64(p + 1, &id) < 0 || id <= 0 || strlen(dash + 1) != SIG_BYTES * 2)
		return TR_TOKEN_FORGED;
	const char *want = sig_hex("reply", id, SIG_BYTES);
	if (sodium_memcmp(want, dash + 1, SIG_BYTES * 2) != 0)
		return TR_TOKEN_FORGED;
	*ticket_id = id;
	return TR_TOKEN_OK;
}

const char *tr_mail_thread_id(int64_t ticket_id)
{
	const char *from = tr_cfg("Mail.from", "");
	const char *domain = tr_email_valid(from) ? tr_email_domain(from) : "tresen.invalid";
	return tr_fmt("<tresen-ticket-%lld.%s@%s>", (long long)ticket_id, sig_hex("thread", ticket_id, 4), domain);
}
