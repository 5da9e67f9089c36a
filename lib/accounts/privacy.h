/* privacy.h - anonymising an account (R-PROF, GDPR): staff replace a person's name, address and
 * personal fields; their tickets stay with the organization. */
#ifndef TR_PRIVACY_H
#define TR_PRIVACY_H

#include <stdint.h>

/* In one transaction: name "Anonymisiert <id>" (Profile.anonymous_name), address
 * anonymous-<id>@invalid, phone, mobile, position, password, two-factor secrets, recovery
 * codes, picture, settings, open links, sessions and queued mail gone, the account disabled;
 * tickets and comments keep pointing at the (now nameless) user. An audit event names actor_id.
 * TR_E_NOT_FOUND for an unknown user, TR_E_CONFLICT for staff or an anonymised one. */
int tr_privacy_anonymise(int64_t user_id, int64_t actor_id);

#endif
