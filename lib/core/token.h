/* token.h - random 256-bit tokens for links and cookies; only their SHA-256 is ever stored (DESIGN: Data). */
#ifndef TR_TOKEN_H
#define TR_TOKEN_H

/* A new random 256-bit token (base64url, 43 chars) and its SHA-256 hex hash. */
void tr_token_new(char token[44], char hash[65]);
/* SHA-256 hex of a token as received; -1 when it is not a well-formed token. */
int tr_token_hash(const char *token, char hash[65]);

#endif
