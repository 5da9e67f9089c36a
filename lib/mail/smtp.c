/* smtp.c - handing finished messages to the SMTP server with libcurl. */
#include "mail/smtp.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/email.h"
#include "core/util.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct tr_smtp {
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
};

typedef struct upload {
	const char *data;
	size_t len, pos;
} upload;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ctx)
{
	upload *u = ctx;
	size_t n = size * nitems, left = u->len - u->pos;
	if (n > left)
		n = left;
	memcpy(buf, u->data + u->pos, n);
	u->pos += n;
	return n;
}

enum tr_smtp_result tr_smtp_classify(int curl_code, long reply, int message_stage)
{
	if (curl_code == CURLE_OK)
		return TR_SMTP_OK;
	/* A refusal of the greeting, the login or STARTTLS says nothing about
	 * this message: it would hit every message alike. */
	if (message_stage && reply >= 500 && reply < 600)
		return TR_SMTP_PERM;
	if (message_stage && reply >= 400 && reply < 500)
		return TR_SMTP_TEMP;
	return TR_SMTP_DOWN;
}

/* smtp_url with the scheme the TLS setting asks for and the HELO name as path. */
static const char *server_url(int *starttls)
{
	const char *url = tr_cfg("Mail.smtp_url", "smtp://localhost:25");
	const char *tls = tr_cfg("Mail.tls", "starttls");
	*starttls = 0;
	if (!strncmp(url, "smtp://", 7)) {
		if (!strcmp(tls, "tls"))
			url = tr_fmt("smtps://%s", url + 7);
		else if (!strcmp(tls, "starttls"))
			*starttls = 1;
		else if (strcmp(tls, "none"))
			tr_warn("Mail.tls '%s' is not none, starttls or tls; using none", tls);
	} else if (strncmp(url, "smtps://", 8)) {
		tr_error("Mail.smtp_url must start with smtp:// or smtps://");
		return NULL;
	}
	const char *host = strstr(url, "://") + 3;
	if (!strchr(host, '/')) {
		const char *helo = tr_cfg("Mail.helo", "");
		if (*helo && strspn(helo, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") ==
				     strlen(helo))
			url = tr_fmt("%s/%s", url, helo);
	}
	return url;
}

tr_smtp *tr_smtp_open(void)
{
	static int global_done;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			tr_error("curl_global_init failed");
			return NULL;
		}
		global_done = 1;
	}
	int starttls;
	const char *url = server_url(&starttls);
	if (!url)
		return NULL;
	tr_smtp *s = tr_xcalloc(1, sizeof(*s));
	s->curl = curl_easy_init();
	if (!s->curl) {
		tr_error("curl_easy_init failed");
		free(s);
		return NULL;
	}
	CURL *c = s->curl;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(starttls || !strncmp(url, "smtps:", 6) ?
						     CURLUSESSL_ALL : CURLUSESSL_NONE));
	const char *user = tr_cfg("Mail.username", "");
	if (*user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, tr_cfg("Mail.password", ""));
		if (!strncmp(url, "smtp:", 5) && !starttls)
			tr_warn("Mail.username is set but Mail.tls is none: the password travels unencrypted");
	}
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, tr_cfg_int("Mail.timeout_s", 60));
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	return s;
}

enum tr_smtp_result tr_smtp_send(tr_smtp *s, const char *from, const char *to, const char *msg,
				 size_t len, const char **error)
{
	*error = NULL;
	/* the addresses were checked when the mail was queued; check again, they go into commands */
	if (!tr_email_valid(from) || !tr_email_valid(to)) {
		*error = "invalid sender or recipient address";
		return TR_SMTP_PERM;
	}
	upload u = { msg, len, 0 };
	struct curl_slist *rcpt = curl_slist_append(NULL, tr_fmt("<%s>", to));
	if (!rcpt) {
		*error = "out of memory";
		return TR_SMTP_DOWN;
	}
	CURL *c = s->curl;
	s->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, tr_fmt("<%s>", from));
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	CURLcode rc = curl_easy_perform(c);
	long reply = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(c, CURLOPT_READDATA, NULL);
	curl_slist_free_all(rcpt);
	/* In libcurl 7.88 a refused MAIL, RCPT or DATA command ends in
	 * CURLE_SEND_ERROR; a refusal after the message text, in
	 * CURLE_WEIRD_SERVER_REPLY once the text went out. */
	int message_stage = rc == CURLE_SEND_ERROR || (rc == CURLE_WEIRD_SERVER_REPLY && u.pos == len && len);
	enum tr_smtp_result r = tr_smtp_classify(rc, reply, message_stage);
	if (r != TR_SMTP_OK) {
		const char *detail = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);
		*error = reply ? tr_fmt("SMTP %ld: %s", reply, detail) : tr_strdup(detail);
	}
	return r;
}

void tr_smtp_close(tr_smtp *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	free(s);
}
