/* fuzz_intake.c - libFuzzer harness: an incoming mail of any bytes through GMime and the intake's rules.
 *
 * The input is the raw message. It is read as the intake reads it (headers,
 * text, attachments into temporary files, with small limits), then the
 * rules run on what came out: automatic mail, the quoted history cut, the
 * note marker, and HTML as text on the raw bytes. Checks what must hold for
 * any input: the text and names are valid UTF-8 without control characters,
 * every kept file exists with the size it claims, nothing is left behind. */
#include "tresen.h"
#include "intake/message.h"
#include "intake/rules.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void check_text_at(const char *s, int multiline, const char *what)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (!tr_utf8_valid(s, n) || tr_has_control(s, n, multiline)) {
		fprintf(stderr, "fuzz_intake: %s is not clean text\n", what);
		abort();
	}
}
#define check_text(s, multiline) check_text_at((s), (multiline), #s)

static void check_files(const tr_upload *u)
{
	for (; u; u = u->next) {
		struct stat st;
		check_text(u->filename, 0);
		if (!*u->filename || strchr(u->filename, '/') || stat(u->path, &st) != 0 || st.st_size != u->size ||
		    strlen(u->sha256) != 64)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		if (sodium_init() < 0)
			abort();
		tr_log_set_level(TR_LOG_ERROR);
		tr_cfg_set("Mail.from", "support@tresen.example");
		snprintf(dir, sizeof(dir), "/tmp/tresen-fuzz-intake-%d", (int)getpid());
		mkdir(dir, 0700);
		tr_inmail_init();
	}
	const char *path = tr_fmt("%s/mail", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	tr_inmail_limits lim = { .file_bytes = 4096, .total_bytes = 8192, .max_files = 4, .text_chars = 5000 };
	tr_inmail m;
	tr_inmail_parse(path, dir, &lim, &m);
	check_text(m.text, 1);
	check_text(m.subject, 0);
	check_text(m.from_name, 0);
	check_text(m.headers, 1);
	check_text(m.note, 0);
	check_files(m.files);
	check_files(m.inline_images);
	if (m.nfiles > lim.max_files || m.files_bytes > lim.total_bytes)
		abort();
	for (int i = 0; i < m.nrcpt; i++)
		if (!tr_email_valid(m.recipients[i]))
			abort();
	tr_intake_loop_reason(&m);
	const char *cut = tr_intake_cut_reply(m.text);
	if (strlen(cut) > strlen(m.text))
		abort();
	const char *rest;
	tr_intake_note_marker(cut, &rest);
	/* HTML as text keeps what the HTML held (tr_text_safe cleans it next): valid UTF-8 */
	const char *h = tr_inmail_html_text((const char *)data, size);
	if (!tr_utf8_valid(h, strlen(h)))
		abort();
	check_text(tr_text_safe(h, 5000), 1);
	tr_inmail_discard(&m);
	unlink(path);
	tr_pool_reset();
	return 0;
}
