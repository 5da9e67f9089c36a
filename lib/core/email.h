/* email.h - the shape of an e-mail address we accept, and its normal form for lookups (R-ACC 3). */
#ifndef TR_EMAIL_H
#define TR_EMAIL_H

/* Lower-cased address used for uniqueness and lookups (pool memory). */
char *tr_email_norm(const char *email);
/* 1 when the address has the shape local@domain.tld we accept. */
int tr_email_valid(const char *email);
/* The domain part of a valid address (pointer into email). */
const char *tr_email_domain(const char *email);

#endif
