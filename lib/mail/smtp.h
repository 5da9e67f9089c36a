/* smtp.h - handing finished messages to the configured SMTP server (libcurl).
 *
 * Settings: Mail.smtp_url (smtp://host:port, or smtps:// for TLS from the
 * first byte), Mail.tls (none, starttls, tls), Mail.username, Mail.password,
 * Mail.helo, Mail.timeout_s. One connection serves several messages. */
#ifndef TR_SMTP_H
#define TR_SMTP_H

#include <stddef.h>

enum tr_smtp_result {
	TR_SMTP_OK = 0,
	TR_SMTP_TEMP,      /* the server refused this message for now (4xx): try again later */
	TR_SMTP_PERM,      /* the server refused this message for good (5xx) */
	TR_SMTP_DOWN,      /* no usable server (unreachable, TLS, login, greeting): try later */
};

typedef struct tr_smtp tr_smtp;

/* A connection handle for the configured server (connects on first send);
 * initializes libcurl on first use. NULL on error (logged). */
tr_smtp *tr_smtp_open(void);
/* Sends one message (CRLF line ends) from envelope sender `from` to one
 * recipient. On failure *error (pool memory) says why. */
enum tr_smtp_result tr_smtp_send(tr_smtp *s, const char *from, const char *to, const char *msg,
				 size_t len, const char **error);
void tr_smtp_close(tr_smtp *s);

/* The rule behind tr_smtp_send's answer: libcurl's result, the server's last
 * reply code, and whether the failure concerned this message (a MAIL, RCPT or
 * DATA reply) rather than the server or the session. */
enum tr_smtp_result tr_smtp_classify(int curl_code, long reply_code, int message_stage);

#endif
