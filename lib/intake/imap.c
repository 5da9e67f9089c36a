/* imap.c - the intake mailbox over IMAP with libcurl: UID SEARCH, UID FETCH into a file, UID STORE. */
#include "intake/imap.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DONE_KEYWORD "TresenDone"
#define RESPONSE_MAX (4 << 20)   /* untagged responses of one command kept (a SEARCH of 400,000 UIDs) */

struct tr_imap {
	CURL *curl;
	char *base;          /* scheme://host:port/ */
	char *mailbox;       /* INBOX */
	char *key;           /* user@host:port/INBOX */
	char errbuf[CURL_ERROR_SIZE];
	char *error;
};

/* ---- set-up ---- */

static int mailbox_ok(const char *m)
{
	size_t n = strlen(m);
	return n > 0 && n < 100 &&
	       strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-") == n;
}

tr_imap *tr_imap_open(void)
{
	static int global_done;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			tr_error("curl_global_init failed");
			return NULL;
		}
		global_done = 1;
	}
	const char *url = tr_cfg("Intake.url", "");
	const char *tls = tr_cfg("Intake.tls", "starttls");
	int imaps = !strncmp(url, "imaps://", 8);
	if (!imaps && strncmp(url, "imap://", 7)) {
		tr_error("Intake.url must start with imap:// or imaps://");
		return NULL;
	}
	const char *host = strstr(url, "://") + 3;
	const char *slash = strchr(host, '/');
	const char *mailbox = slash && slash[1] ? slash + 1 : "INBOX";
	if (!mailbox_ok(mailbox) || (slash ? (size_t)(slash - host) : strlen(host)) == 0) {
		tr_error("Intake.url: host and a plain mailbox name (letters, digits, . _ / -) are needed");
		return NULL;
	}
	int starttls = 0;
	if (!imaps && !strcmp(tls, "tls"))
		imaps = 1;
	else if (!imaps && !strcmp(tls, "starttls"))
		starttls = 1;
	else if (!imaps && strcmp(tls, "none"))
		tr_warn("Intake.tls '%s' is not none, starttls or tls; using none", tls);
	size_t hostlen = slash ? (size_t)(slash - host) : strlen(host);
	tr_imap *im = tr_xcalloc(1, sizeof(*im));
	im->base = tr_xstrdup(tr_fmt("%s://%.*s/", imaps ? "imaps" : "imap", (int)hostlen, host));
	im->mailbox = tr_xstrdup(mailbox);
	const char *user = tr_cfg("Intake.username", "");
	im->key = tr_xstrdup(tr_fmt("%.60s@%.*s/%s", user, (int)(hostlen > 100 ? 100 : hostlen), host, mailbox));
	im->curl = curl_easy_init();
	if (!im->curl) {
		tr_error("curl_easy_init failed");
		tr_imap_close(im);
		return NULL;
	}
	CURL *c = im->curl;
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(starttls || imaps ? CURLUSESSL_ALL : CURLUSESSL_NONE));
	if (*user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, tr_cfg("Intake.password", ""));
		if (!starttls && !imaps)
			tr_warn("Intake.tls is none: the mailbox password travels unencrypted");
	}
	const char *ca = tr_cfg("Intake.ca_file", "");
	if (*ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, tr_cfg_int("Intake.timeout_s", 120));
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, im->errbuf);
	return im;
}

void tr_imap_close(tr_imap *im)
{
	if (!im)
		return;
	if (im->curl)
		curl_easy_cleanup(im->curl);
	free(im->base);
	free(im->mailbox);
	free(im->key);
	free(im);
}

const char *tr_imap_mailbox(const tr_imap *im)
{
	return tr_strdup(im->key);
}

const char *tr_imap_error(const tr_imap *im)
{
	return im->error ? im->error : "";
}

/* ---- transfers ---- */

typedef struct sink {
	tr_buf *buf;         /* untagged responses of a command, or */
	int fd;              /* the fetched message's file */
	int64_t max, got;
	int cut;
} sink;

static size_t write_cb(char *data, size_t size, size_t nitems, void *ctx)
{
	sink *s = ctx;
	size_t n = size * nitems;
	if (s->got + (int64_t)n > s->max) {
		s->cut = 1;
		return 0;            /* ends the transfer */
	}
	s->got += (int64_t)n;
	if (s->buf) {
		tr_buf_add(s->buf, data, n);
		return n;
	}
	for (size_t off = 0; off < n;) {
		ssize_t w = write(s->fd, data + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		off += (size_t)w;
	}
	return n;
}

static int perform(tr_imap *im, const char *url, const char *custom, sink *s)
{
	CURL *c = im->curl;
	im->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, NULL);
	if (rc == CURLE_OK)
		return 0;
	if (rc == CURLE_WRITE_ERROR && s->cut)
		return 1;
	free(im->error);
	im->error = tr_xstrdup(im->errbuf[0] ? im->errbuf : curl_easy_strerror(rc));
	return rc == CURLE_REMOTE_FILE_NOT_FOUND ? 2 : -1;
}

static const char *mailbox_url(const tr_imap *im)
{
	return tr_fmt("%s%s", im->base, im->mailbox);
}

/* The mailbox pinned to one UIDVALIDITY: libcurl refuses it when the mailbox was recreated meanwhile. */
static const char *pinned_url(const tr_imap *im, int64_t uidvalidity)
{
	return tr_fmt("%s%s;UIDVALIDITY=%lld", im->base, im->mailbox, (long long)uidvalidity);
}

/* Runs a command; its untagged responses land in *out (NUL-terminated). 0 or -1. */
static int command(tr_imap *im, const char *url, const char *cmd, tr_buf *out)
{
	sink s = { .buf = out, .fd = -1, .max = RESPONSE_MAX };
	int rc = perform(im, url, cmd, &s);
	if (rc == 1) {
		free(im->error);
		im->error = tr_xstrdup("answer too long");
	}
	if (rc) {
		tr_error("imap %s: %s", cmd, tr_imap_error(im));
		return -1;
	}
	tr_buf_addc(out, '\0');
	out->len--;
	return 0;
}

/* The number after word in s (case-insensitive), or -1. */
static int64_t number_after(const char *s, const char *word)
{
	const char *p = strcasestr(s, word);
	if (!p)
		return -1;
	p += strlen(word);
	p += strspn(p, " ");
	char *end;
	long long v = strtoll(p, &end, 10);
	return end == p || v < 0 ? -1 : (int64_t)v;
}

int tr_imap_uidvalidity(tr_imap *im, int64_t *uidvalidity)
{
	tr_buf b;
	tr_buf_init(&b);
	int rc = command(im, im->base, tr_fmt("STATUS %s (UIDVALIDITY)", im->mailbox), &b);
	int64_t v = rc == 0 && b.data ? number_after(b.data, "UIDVALIDITY") : -1;
	tr_buf_free(&b);
	if (v <= 0) {
		if (rc == 0)
			tr_error("imap STATUS: no UIDVALIDITY in the answer");
		return -1;
	}
	*uidvalidity = v;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int tr_imap_search(tr_imap *im, int64_t *uids, int max)
{
	tr_buf b;
	tr_buf_init(&b);
	if (command(im, mailbox_url(im), "UID SEARCH UNDELETED UNKEYWORD " DONE_KEYWORD, &b) < 0) {
		tr_buf_free(&b);
		return -1;
	}
	int n = 0;
	for (const char *line = b.data ? b.data : ""; *line;) {
		size_t len = strcspn(line, "\n");
		if (!strncasecmp(line, "* SEARCH", 8)) {
			const char *p = line + 8;
			while (p < line + len && n < max) {
				p += strspn(p, " \r");
				char *end;
				long long v = strtoll(p, &end, 10);
				if (end == p)
					break;
				if (v > 0)
					uids[n++] = (int64_t)v;
				p = end;
			}
		}
		line += len;
		if (*line)
			line++;
	}
	tr_buf_free(&b);
	qsort(uids, (size_t)n, sizeof(int64_t), cmp_i64);
	return n;
}

int tr_imap_size(tr_imap *im, int64_t uidvalidity, int64_t uid, int64_t *size)
{
	tr_buf b;
	tr_buf_init(&b);
	if (command(im, pinned_url(im, uidvalidity), tr_fmt("UID FETCH %lld (RFC822.SIZE)", (long long)uid), &b) < 0) {
		tr_buf_free(&b);
		return -1;
	}
	int64_t v = b.data ? number_after(b.data, "RFC822.SIZE") : -1;
	tr_buf_free(&b);
	if (v < 0)
		return 1;    /* no FETCH answer: expunged meanwhile */
	*size = v;
	return 0;
}

int tr_imap_fetch(tr_imap *im, int64_t uidvalidity, int64_t uid, int headers_only, const char *path, int64_t max)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		tr_error("intake: cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	sink s = { .fd = fd, .max = max };
	const char *url = tr_fmt("%s/;UID=%lld%s", pinned_url(im, uidvalidity), (long long)uid,
				 headers_only ? "/;SECTION=HEADER" : "");
	int rc = perform(im, url, NULL, &s);
	if (close(fd) < 0 && rc == 0)
		rc = -1;
	if (rc < 0)
		tr_error("imap fetch of uid %lld: %s", (long long)uid, tr_imap_error(im));
	return rc == 2 ? -1 : rc;
}

int tr_imap_mark(tr_imap *im, int64_t uidvalidity, int64_t uid)
{
	tr_buf b;
	tr_buf_init(&b);
	int rc = command(im, pinned_url(im, uidvalidity),
			 tr_fmt("UID STORE %lld +FLAGS.SILENT (%s \\Seen)", (long long)uid, DONE_KEYWORD), &b);
	tr_buf_free(&b);
	return rc;
}
