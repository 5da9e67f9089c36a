/* notify.c - who hears about a ticket change, and the mails that tell them. */
#include "notify.h"

int tr_notify_agents(const tr_ticket *t, const char *kind, int64_t comment_id, const char *body)
{
	/* WIP: queued through tr_mail_queue once the mail module lands. */
	(void)t; (void)kind; (void)comment_id; (void)body;
	return 0;
}
