/* test_intake.c - unit tests of replies by mail: the signed reply address, automatic mail (loop
 * protection), what of a reply is new, the note marker, HTML as text, reading messages with GMime
 * (attachments, inline images, limits, malformed input), the link redaction of sent mail, and
 * the ticket mail kinds with their reply marker. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tresen.h"
#include "intake/message.h"
#include "intake/rules.h"
#include "mail/mail.h"
#include "mail/reply.h"

static char tmpdir[] = "/tmp/tresen-test-intake-XXXXXX";

/* ---- the reply address ---- */

static void reply_token(void **state)
{
	(void)state;
	int64_t id;
	const char *a = tr_mail_reply_address(123);
	assert_non_null(a);
	assert_true(tr_email_valid(a));
	assert_int_equal(strncmp(a, "support+t123-", 13), 0);
	assert_non_null(strstr(a, "@tresen.example"));
	assert_true(strlen(a) - strlen("@tresen.example") <= 64);    /* a local part's limit */
	assert_int_equal(tr_mail_reply_token(a, &id), TR_TOKEN_OK);
	assert_int_equal(id, 123);
	/* relays may change the case of a local part */
	char *upper = tr_strdup(a);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	assert_int_equal(tr_mail_reply_token(upper, &id), TR_TOKEN_OK);
	assert_int_equal(id, 123);
	/* another ticket's number with this signature: forged */
	char *other = tr_strdup(a);
	other[9] = '4';
	assert_int_equal(tr_mail_reply_token(other, &id), TR_TOKEN_FORGED);
	assert_int_equal(id, 0);
	/* a changed signature, a cut one, a made-up plus part: forged */
	char *sig = tr_strdup(a);
	char *dash = strchr(sig, '-');
	dash[1] = dash[1] == 'a' ? 'b' : 'a';
	assert_int_equal(tr_mail_reply_token(sig, &id), TR_TOKEN_FORGED);
	assert_int_equal(tr_mail_reply_token("support+t123-abc@tresen.example", &id), TR_TOKEN_FORGED);
	assert_int_equal(tr_mail_reply_token("support+hallo@tresen.example", &id), TR_TOKEN_FORGED);
	assert_int_equal(tr_mail_reply_token("support+t0-00000000000000000000@tresen.example", &id), TR_TOKEN_FORGED);
	/* not our address at all, or ours without a token */
	assert_int_equal(tr_mail_reply_token("support@tresen.example", &id), TR_TOKEN_NONE);
	assert_int_equal(tr_mail_reply_token("anna@wohnbau.example", &id), TR_TOKEN_NONE);
	assert_int_equal(tr_mail_reply_token("supporter+t123-x@tresen.example", &id), TR_TOKEN_NONE);
	const char *at = strchr(a, '@');
	assert_int_equal(tr_mail_reply_token(tr_fmt("%.*s@evil.example", (int)(at - a), a), &id), TR_TOKEN_NONE);
	assert_true(tr_mail_is_intake_address("Support@Tresen.Example"));
	assert_true(tr_mail_is_intake_address(a));
	assert_false(tr_mail_is_intake_address("anna@wohnbau.example"));
	/* another server secret: the same address is forged there */
	tr_cfg_set("Security.secret", "another-secret-of-at-least-32-characters!!");
	assert_int_equal(tr_mail_reply_token(a, &id), TR_TOKEN_FORGED);
	tr_cfg_set("Security.secret", "unit-test-secret-of-at-least-32-characters");
	/* the thread root is a well-formed id, stable per ticket */
	assert_true(tr_mail_msgid_valid(tr_mail_thread_id(123)));
	assert_string_equal(tr_mail_thread_id(123), tr_mail_thread_id(123));
	assert_string_not_equal(tr_mail_thread_id(123), tr_mail_thread_id(124));
	tr_pool_reset();
}

/* ---- automatic mail ---- */

static void loops(void **state)
{
	(void)state;
	tr_inmail m = { .from_addr = "anna@wohnbau.example", .content_type = "text/plain" };
	assert_null(tr_intake_loop_reason(&m));
	m.auto_submitted = "no";
	assert_null(tr_intake_loop_reason(&m));
	m.auto_submitted = "No ; comment";
	assert_null(tr_intake_loop_reason(&m));
	m.auto_submitted = "auto-replied";
	assert_string_equal(tr_intake_loop_reason(&m), "auto_submitted");
	m.auto_submitted = "auto-generated";
	assert_string_equal(tr_intake_loop_reason(&m), "auto_submitted");
	m.auto_submitted = "notice";
	assert_string_equal(tr_intake_loop_reason(&m), "auto_submitted");
	m.auto_submitted = NULL;
	m.precedence = "bulk";
	assert_string_equal(tr_intake_loop_reason(&m), "precedence");
	m.precedence = "Auto_Reply";
	assert_string_equal(tr_intake_loop_reason(&m), "precedence");
	m.precedence = "junk";
	assert_string_equal(tr_intake_loop_reason(&m), "precedence");
	m.precedence = "first-class";
	assert_null(tr_intake_loop_reason(&m));
	m.precedence = NULL;
	m.x_autoreply = "yes";
	assert_string_equal(tr_intake_loop_reason(&m), "x_autoreply");
	m.x_autoreply = NULL;
	m.x_autorespond = "1";
	assert_string_equal(tr_intake_loop_reason(&m), "x_autoreply");
	m.x_autorespond = NULL;
	m.auto_response_suppress = "DR, OOF, AutoReply";
	assert_string_equal(tr_intake_loop_reason(&m), "auto_response");
	m.auto_response_suppress = NULL;
	m.list_id = "<newsletter.example.com>";
	assert_string_equal(tr_intake_loop_reason(&m), "mailing_list");
	m.list_id = NULL;
	m.content_type = "multipart/report";
	assert_string_equal(tr_intake_loop_reason(&m), "delivery_report");
	m.content_type = "text/plain";
	m.return_path = "";
	assert_string_equal(tr_intake_loop_reason(&m), "delivery_report");
	m.return_path = "anna@wohnbau.example";
	assert_null(tr_intake_loop_reason(&m));
	m.from_addr = "mailer-daemon@mx.wohnbau.example";
	assert_string_equal(tr_intake_loop_reason(&m), "mailer_daemon");
	m.from_addr = "postmaster@wohnbau.example";
	assert_string_equal(tr_intake_loop_reason(&m), "mailer_daemon");
}

/* ---- what of a reply is new ---- */

static void cut(const char *in, const char *want)
{
	const char *got = tr_intake_cut_reply(in);
	if (strcmp(got, want))
		print_error("cut:\n[%s]\nwanted:\n[%s]\n", got, want);
	assert_string_equal(got, want);
}

static void quoted_history(void **state)
{
	(void)state;
	/* our marker, as a mail program quotes it, with its attribution line above */
	cut("Danke, jetzt geht es.\n\nAm 03.02.2026 um 10:00 schrieb Tresen Kundenservice <support@tresen.example>:\n"
	    "> ##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##\n>\n> Guten Tag Anna,\n",
	    "Danke, jetzt geht es.");
	/* the attribution wrapped over two lines */
	cut("Works now.\n\nOn Tue, 3 Feb 2026 at 10:00, Tresen Kundenservice\n<support@tresen.example> wrote:\n"
	    "> ##- Please type your reply above this line. -##\n> Hello Anna,\n",
	    "Works now.");
	/* the marker unquoted (a mail program that copies the text below) */
	cut("Erledigt.\n##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##\nGuten Tag\n", "Erledigt.");
	/* Outlook: its header block above our quoted text */
	cut("Hallo,\nanbei das Protokoll.\n\nMit freundlichen Grüßen\nAnna Schmidt\n\n"
	    "________________________________\nVon: Tresen Kundenservice <support@tresen.example>\n"
	    "Gesendet: Dienstag, 3. Februar 2026 10:00\nAn: Anna Schmidt <anna@wohnbau.example>\n"
	    "Betreff: [#12] Ihre Anfrage\n\n##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##\n",
	    "Hallo,\nanbei das Protokoll.\n\nMit freundlichen Grüßen\nAnna Schmidt");
	cut("Siehe unten.\n\nFrom: Tresen <support@tresen.example>\nSent: Tuesday, February 3, 2026 10:00\n"
	    "To: Anna <anna@wohnbau.example>\nSubject: x\n\n##- Please type your reply above this line. -##\n",
	    "Siehe unten.");
	/* no marker (a forwarded or rewritten mail): the usual starts of quoted history */
	cut("Ja, bitte.\n\nOn Mon, Feb 2, 2026 at 9:00 AM Agent <agent@tresen.example> wrote:\n> Soll ich?\n", "Ja, bitte.");
	cut("Passt.\n-----Ursprüngliche Nachricht-----\nVon: x\n", "Passt.");
	cut("Fine.\n\n-----Original Message-----\nFrom: x\n", "Fine.");
	cut("Oben.\n\nVon: Agent <agent@tresen.example>\nDatum: 03.02.2026\nAn: anna@wohnbau.example\nBetreff: x\n\nalt\n",
	    "Oben.");
	/* a closing block of quoted lines; quotes inside the text stay */
	cut("Sie schrieben:\n> Zeile eins\nMeine Antwort dazu.\n\n> alt\n> alt\n",
	    "Sie schrieben:\n> Zeile eins\nMeine Antwort dazu.");
	/* the signature and the phone's line */
	cut("Danke!\n\n-- \nAnna Schmidt\nWohnbau Nord GmbH\n", "Danke!");
	cut("Danke!\n\nVon meinem iPhone gesendet\n", "Danke!");
	cut("Thanks\n\nSent from my iPhone\n\n> old\n", "Thanks");
	/* nothing to cut; blank lines around and CRLF */
	cut("\n\nNur Text,\r\nzwei Zeilen.\r\n\r\n", "Nur Text,\nzwei Zeilen.");
	cut("", "");
	cut("##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##\nalles alt\n", "");
	/* "On" at the start of a sentence is no attribution */
	cut("On Monday the server was down.\nIt works now.", "On Monday the server was down.\nIt works now.");
	tr_pool_reset();
}

static void note_marker(void **state)
{
	(void)state;
	const char *rest;
	assert_int_equal(tr_intake_note_marker("#intern\nNur für uns: Kunde hat Vertrag 42.", &rest), 1);
	assert_string_equal(rest, "Nur für uns: Kunde hat Vertrag 42.");
	assert_int_equal(tr_intake_note_marker("  #internal: check the dump", &rest), 1);
	assert_string_equal(rest, "check the dump");
	assert_int_equal(tr_intake_note_marker("#INTERN bitte prüfen", &rest), 1);
	assert_string_equal(rest, "bitte prüfen");
	assert_int_equal(tr_intake_note_marker("#interne Sache", &rest), 0);
	assert_int_equal(tr_intake_note_marker("Antwort mit #intern im Text", &rest), 0);
	assert_string_equal(rest, "Antwort mit #intern im Text");
	assert_int_equal(tr_intake_note_marker("#intern", &rest), 1);
	assert_string_equal(rest, "");
}

static void safe_text(void **state)
{
	(void)state;
	assert_string_equal(tr_text_safe("a\r\nb\rc\x01\x7f" "d\te", 100), "a\nb\ncd\te");
	assert_string_equal(tr_text_safe("ab\xff" "c", 100), "ab\xef\xbf\xbd" "c");
	assert_string_equal(tr_text_safe("rechnung\xe2\x80\xae" "fdp.exe", 100), "rechnung[U+202E]fdp.exe");
	assert_string_equal(tr_text_safe("\xc2\x85x", 100), "x");      /* NEL, a C1 control */
	assert_string_equal(tr_text_safe("äöüäöü", 3), "äöü");
	tr_pool_reset();
}

/* ---- HTML as text ---- */

static void html_text(void **state)
{
	(void)state;
	const char *h = "<p>Hallo <b>Team</b>,</p><p>zweiter&nbsp;Absatz<br>neue Zeile</p>";
	assert_string_equal(tr_inmail_html_text(h, strlen(h)), "Hallo Team,\n\nzweiter Absatz\nneue Zeile\n");
	h = "<html><head><title>T</title><style>p{}</style><script>alert(1)</script></head>"
			"<body><div>Antwort &amp; mehr &lt;script&gt;</div><ul><li>eins</li><li>zwei</li></ul>"
			"<div class=\"gmail_quote\">On ... wrote:<blockquote>alt</blockquote></div></body></html>";
	const char *t = tr_inmail_html_text(h, strlen(h));
	assert_string_equal(t, "Antwort & mehr <script>\n- eins\n- zwei\n");
	/* Apple Mail's and Outlook's quotes end the text; a plain blockquote is quoted */
	h = "<div>Neu</div><blockquote type=\"cite\">Alt</blockquote>";
	assert_string_equal(tr_inmail_html_text(h, strlen(h)), "Neu\n");
	h = "<div>Neu</div><div id=\"divRplyFwdMsg\">Von: x</div><div>alt</div>";
	assert_string_equal(tr_inmail_html_text(h, strlen(h)), "Neu\n");
	h = "<p>Sie schrieben</p><blockquote><p>Zitat</p></blockquote><p>Antwort</p>";
	assert_string_equal(tr_inmail_html_text(h, strlen(h)), "Sie schrieben\n\n> Zitat\n\nAntwort\n");
	/* a charset named in the HTML does not change how its (UTF-8) text is read */
	h = "<meta charset=\"iso-8859-1\"><p>Grüße</p>";
	assert_string_equal(tr_inmail_html_text(h, strlen(h)), "Grüße\n");
	/* deep nesting and broken markup: no crash, the text is there */
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 100; i++)
		tr_buf_adds(&b, "<div><span>");
	tr_buf_adds(&b, "tief");
	t = tr_inmail_html_text(b.data, b.len);
	assert_non_null(strstr(t, "tief"));
	/* deeper than libxml2 goes (256): what is deeper is lost, nothing else happens */
	for (int i = 0; i < 5000; i++)
		tr_buf_adds(&b, "<div><span>");
	tr_buf_adds(&b, "noch tiefer");
	t = tr_inmail_html_text(b.data, b.len);
	assert_true(tr_utf8_valid(t, strlen(t)));
	tr_buf_free(&b);
	assert_string_equal(tr_inmail_html_text("", 0), "");
	assert_string_equal(tr_inmail_html_text("<<<>>>&&&;", 10) != NULL ? "ok" : "", "ok");
	tr_pool_reset();
}

/* ---- reading whole messages ---- */

static const char *write_msg(const char *name, const char *text)
{
	const char *path = tr_fmt("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(text, 1, strlen(text), f);
	fclose(f);
	return path;
}

static tr_inmail_limits limits(void)
{
	tr_inmail_limits l = { .file_bytes = 1000, .total_bytes = 3000, .max_files = 5, .text_chars = 65000 };
	return l;
}

static int count(const tr_upload *u)
{
	int n = 0;
	for (; u; u = u->next)
		n++;
	return n;
}

static void parse_reply(void **state)
{
	(void)state;
	const char *raw =
		"Return-Path: <anna@wohnbau.example>\r\n"
		"Delivered-To: support+t7-0123456789abcdef0123@tresen.example\r\n"
		"From: =?UTF-8?B?QW5uYSBTY2htaWR0?= <Anna@Wohnbau.Example>\r\n"
		"To: \"Kundenservice\" <support+t7-0123456789abcdef0123@tresen.example>\r\n"
		"Cc: ben@wohnbau.example, Liste: carla@stadtwerke.example;\r\n"
		"Subject: =?ISO-8859-1?Q?Re:_Gr=FC=DFe?=\r\n"
		"Message-ID: <reply-1@wohnbau.example>\r\n"
		"In-Reply-To: <abc@tresen.example>\r\n"
		"References: <root@tresen.example>\r\n <abc@tresen.example>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
		"--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
		"--b2\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
		"Sch=F6n, danke.\r\n\r\n> alt\r\n"
		"--b2\r\nContent-Type: multipart/related; boundary=\"b3\"\r\n\r\n"
		"--b3\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Sch\xc3\xb6n, danke.<img src=\"cid:img1\"></p>\r\n"
		"--b3\r\nContent-Type: image/png\r\nContent-ID: <img1>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==\r\n"
		"--b3--\r\n--b2--\r\n"
		"--b1\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\n"
		"Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Frechnung%E2%80%AEfdp.exe\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
		"--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"gross.bin\"\r\n\r\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789\r\n"
		"--b1--\r\n";
	tr_inmail m;
	tr_inmail_limits lim = limits();
	assert_int_equal(tr_inmail_parse(write_msg("reply.eml", raw), tmpdir, &lim, &m), 0);
	assert_false(m.unreadable);
	assert_string_equal(m.message_id, "<reply-1@wohnbau.example>");
	assert_string_equal(m.in_reply_to, "<abc@tresen.example>");
	assert_int_equal(m.nrefs, 2);
	assert_string_equal(m.references[1], "<abc@tresen.example>");
	assert_string_equal(m.from_addr, "anna@wohnbau.example");
	assert_string_equal(m.from_name, "Anna Schmidt");
	assert_string_equal(m.return_path, "anna@wohnbau.example");
	assert_string_equal(m.subject, "Re: Grüße");
	/* envelope first, then To and Cc (groups opened), each once */
	assert_int_equal(m.nrcpt, 3);
	assert_string_equal(m.recipients[0], "support+t7-0123456789abcdef0123@tresen.example");
	assert_string_equal(m.recipients[1], "ben@wohnbau.example");
	assert_string_equal(m.recipients[2], "carla@stadtwerke.example");
	/* the plain version, converted from Latin-1; the HTML version gives only its image */
	assert_string_equal(m.text, "Schön, danke.\n\n> alt");   /* the last CRLF belongs to the boundary */
	assert_false(m.html_only);
	assert_int_equal(count(m.inline_images), 1);
	assert_string_equal(m.inline_images->filename, "image.png");
	assert_int_equal(m.inline_images->size, 70);
	/* the attachment: its name without the path and the direction override; the big one left out */
	assert_int_equal(count(m.files), 1);
	assert_string_equal(m.files->filename, "rechnungfdp.exe");
	assert_int_equal(m.files->size, 9);
	struct stat st;
	assert_int_equal(stat(m.files->path, &st), 0);
	assert_int_equal(st.st_size, 9);
	/* SHA-256 of "%PDF-1.4\n" */
	unsigned char h[32];
	char hex[65];
	crypto_hash_sha256(h, (const unsigned char *)"%PDF-1.4\n", 9);
	tr_hex_encode(h, 32, hex);
	assert_string_equal(m.files->sha256, hex);
	assert_non_null(strstr(m.note, "gross.bin left out"));
	assert_non_null(strstr(m.headers, "Message-ID: <reply-1@wohnbau.example>\n"));
	assert_null(strstr(m.headers, "Content-Transfer-Encoding"));   /* the header block only */
	const char *path = m.files->path;
	tr_inmail_discard(&m);
	assert_int_not_equal(stat(path, &st), 0);
	tr_pool_reset();
}

static void parse_html_only_and_forward(void **state)
{
	(void)state;
	const char *raw =
		"From: Ben <ben@wohnbau.example>\nTo: support@tresen.example\nSubject: html\n"
		"Content-Type: multipart/mixed; boundary=x\n\n"
		"--x\nContent-Type: text/html; charset=windows-1252\n\n<p>Gr\xfc\xdf" "e <script>x()</script>aus Kiel</p>\n"
		"--x\nContent-Type: message/rfc822\n\nFrom: a@b.example\nSubject: Weitergeleitet\n\nalter Text\n"
		"--x--\n";
	tr_inmail m;
	tr_inmail_limits lim = limits();
	assert_int_equal(tr_inmail_parse(write_msg("html.eml", raw), tmpdir, &lim, &m), 0);
	assert_true(m.html_only);
	assert_string_equal(m.text, "Grüße aus Kiel\n");
	assert_int_equal(count(m.files), 1);
	assert_string_equal(m.files->filename, "Weitergeleitet.eml");
	assert_null(m.message_id);
	tr_inmail_discard(&m);
	tr_pool_reset();
}

static void parse_malformed(void **state)
{
	(void)state;
	tr_inmail_limits lim = limits();
	tr_inmail m;
	/* a boundary that never comes, 8-bit bytes in headers, a NUL, a missing boundary parameter */
	const char *broken = "From: J\xf6rg <joerg@wohnbau.example>\nSubject: kaputt \xff\xfe\n"
			     "Content-Type: multipart/mixed; boundary=\"nie\"\n\n--falsch\nContent-Type: text/plain\n\nText\n";
	assert_int_equal(tr_inmail_parse(write_msg("b1.eml", broken), tmpdir, &lim, &m), 0);
	assert_true(tr_utf8_valid(m.subject, strlen(m.subject)));
	assert_true(tr_utf8_valid(m.text, strlen(m.text)));
	assert_true(tr_utf8_valid(m.headers, strlen(m.headers)));
	assert_string_equal(m.from_addr, "joerg@wohnbau.example");
	tr_inmail_discard(&m);
	const char *noboundary = "From: a@b.example\nContent-Type: multipart/mixed\n\nwhatever\n";
	assert_int_equal(tr_inmail_parse(write_msg("b2.eml", noboundary), tmpdir, &lim, &m), 0);
	assert_non_null(strstr(m.note, "multipart without boundary"));
	tr_inmail_discard(&m);
	/* deep nesting: GMime's limit, then ours; nothing crashes */
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, "From: a@b.example\n");
	for (int i = 0; i < 2000; i++)
		tr_buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"n%d\"\n\n--n%d\n", i, i);
	tr_buf_adds(&b, "Content-Type: text/plain\n\ninnen\n");
	assert_int_equal(tr_inmail_parse(write_msg("deep.eml", b.data), tmpdir, &lim, &m), 0);
	assert_true(strstr(m.note, "nesting") != NULL || strstr(m.note, "nested") != NULL);
	tr_buf_free(&b);
	tr_inmail_discard(&m);
	/* no message at all, an empty file, a missing file */
	assert_int_equal(tr_inmail_parse(write_msg("empty.eml", ""), tmpdir, &lim, &m), 0);
	assert_string_equal(m.text, "");
	tr_inmail_discard(&m);
	assert_int_equal(tr_inmail_parse(tr_fmt("%s/none.eml", tmpdir), tmpdir, &lim, &m), -1);
	assert_true(m.unreadable);
	/* more files than allowed: the rest left out and named */
	tr_buf_init(&b);
	tr_buf_adds(&b, "From: a@b.example\nContent-Type: multipart/mixed; boundary=m\n\n");
	for (int i = 0; i < 8; i++)
		tr_buf_printf(&b, "--m\nContent-Type: text/plain\nContent-Disposition: attachment; filename=f%d.txt\n\nx\n", i);
	tr_buf_adds(&b, "--m--\n");
	assert_int_equal(tr_inmail_parse(write_msg("many.eml", b.data), tmpdir, &lim, &m), 0);
	assert_int_equal(count(m.files), 5);
	assert_non_null(strstr(m.note, "f5.txt left out"));
	tr_buf_free(&b);
	tr_inmail_discard(&m);
	tr_pool_reset();
}

/* ---- mails we send ---- */

static void redact(void **state)
{
	(void)state;
	assert_string_equal(tr_mail_redact_links("Link: https://p.example/confirm?token=GrTk6RV1-E-97SjoP3KfuScXqqR1zZzDX68B1nxvw8c\n"),
			    "Link: https://p.example/confirm?token=-\n");
	assert_string_equal(tr_mail_redact_links("<a href=\"https://p/x?token=abcdefghijklmnopqrstuvwxyz&amp;a=1\">"),
			    "<a href=\"https://p/x?token=-&amp;a=1\">");
	assert_string_equal(tr_mail_redact_links("token=short stays"), "token=short stays");
	assert_string_equal(tr_mail_redact_links(""), "");
	tr_pool_reset();
}

static void ticket_mail_kinds(void **state)
{
	(void)state;
	static const char *const kinds[] = { "ticket_created", "ticket_reply", "ticket_agent", "intake_refused" };
	for (int l = 0; l < 2; l++) {
		const char *lang = l ? "en" : "de";
		for (size_t k = 0; k < TR_ARRAY_LEN(kinds); k++) {
			HDF *d = tr_mail_data();
			tr_mail_put(d, "Mail.ticket_id", "12");
			tr_mail_put(d, "Mail.subject", "Heizung <kalt>");
			tr_mail_put(d, "Mail.status", "open");
			tr_mail_put(d, "Mail.type", "question");
			tr_mail_put(d, "Mail.priority", "low");
			tr_mail_put(d, "Mail.event", "customer_comment");
			tr_mail_put(d, "Mail.author", "Agent Müller");
			tr_mail_put(d, "Mail.body", "Der Text.");
			tr_mail_put(d, "Mail.link", "https://portal.example/requests/12");
			tr_mail_put(d, "Mail.reason", "no_match");
			tr_mail_put(d, "Mail.portal", "https://portal.example/");
			tr_mail_put(d, "Mail.new_request", "https://portal.example/requests/new");
			int ticket = strcmp(kinds[k], "intake_refused") != 0;
			tr_mail m = { .kind = kinds[k], .to = "a@b.example", .to_name = "Anna", .lang = lang, .data = d,
				      .ticket_id = ticket ? 12 : 0 };
			tr_mail_rendered r;
			assert_int_equal(tr_mail_render(&m, &r), 0);
			hdf_destroy(&d);
			const char *marker = tr_lang_text(lang, "mail.reply_marker");
			/* a ticket mail opens with the reply marker, in both parts; the answer to a refused mail not */
			assert_int_equal(strncmp(r.text, marker, strlen(marker)) == 0, ticket);
			assert_int_equal(strstr(r.html, marker) != NULL, ticket);
			/* a reply above the quoted ticket mail keeps only the reply */
			if (ticket)
				assert_string_equal(tr_intake_cut_reply(tr_fmt("Neu.\n\n%s", r.text)), "Neu.");
			if (!strcmp(kinds[k], "intake_refused")) {
				assert_non_null(strstr(r.text, tr_lang_text(lang, "mail.intake_refused.why.no_match")));
				assert_non_null(strstr(r.text, "https://portal.example/requests/new"));
			}
			if (!strcmp(kinds[k], "ticket_reply")) {
				assert_non_null(strstr(r.text, "Agent Müller"));
				assert_non_null(strstr(r.html, "Heizung &lt;kalt&gt;"));
			}
		}
	}
	tr_pool_reset();
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	tr_cfg_set("Paths.templates", "templates");
	tr_cfg_set("Site.url", "https://portal.example");
	tr_cfg_set("Site.name", "Tresen");
	tr_cfg_set("Mail.from", "support@tresen.example");
	tr_cfg_set("Security.secret", "unit-test-secret-of-at-least-32-characters");
	tr_log_set_level(TR_LOG_ERROR);
	tr_inmail_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reply_token),
		cmocka_unit_test(loops),
		cmocka_unit_test(quoted_history),
		cmocka_unit_test(note_marker),
		cmocka_unit_test(safe_text),
		cmocka_unit_test(html_text),
		cmocka_unit_test(parse_reply),
		cmocka_unit_test(parse_html_only_and_forward),
		cmocka_unit_test(parse_malformed),
		cmocka_unit_test(redact),
		cmocka_unit_test(ticket_mail_kinds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
