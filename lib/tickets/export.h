/* export.h - a customer's data as a ZIP of JSON and files (R-PROF, GDPR): the profile, the
 * account's events, their own tickets with the public conversation and its files, the picture. */
#ifndef TR_EXPORT_H
#define TR_EXPORT_H

#include <stdint.h>

#include "core/zip.h"

/* Fills z (tr_zip_init'ed by the caller) with profile.json, tickets.json, the attachments of the
 * tickets the user requested (files/<ticket>/<id>-<name>, while their sum stays below
 * Profile.export_file_bytes, 50 MB; beyond it the names only) and picture.jpg. Only what is the
 * user's own: tickets they requested, public comments - never internal notes, never a colleague's
 * tickets. Audited. 0 or <0. */
int tr_export_user(int64_t user_id, tr_zip *z);

#endif
