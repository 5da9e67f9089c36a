/* picture.c - /profile/picture : upload or remove the profile picture; /profile/picture/ID
 * (?size=large) sends a user's picture, re-encoded by the server, to signed-in people. */
#include "tresen.h"
#include "accounts/picture.h"
#include "accounts/profile.h"

#include <string.h>

static const char *const actions[] = { "upload", "delete", NULL };
static const char *const sizes[] = { "small", "large", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "picture", TR_F_FILE, 0, 0, 0, NULL },
	{ "size", TR_F_ENUM, 0, 0, 0, sizes },
	{ "v", TR_F_INT, 0, 1000000000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int form(tr_req *req)
{
	tr_profile *p = tr_profile_load(req->user->id);
	if (!p)
		return TR_DB_ERR;
	tr_set(req, "Page.title", tr_L(req, "profile.picture_title"));
	tr_set(req, "Page.section", "profile");
	tr_set(req, "Profile.tab", "picture");
	tr_set_int(req, "Profile.id", p->id);
	tr_set_int(req, "Profile.picture", p->picture_version);
	tr_set(req, "Profile.initials", tr_user_initials(p->name));
	tr_set(req, "Profile.max_size", tr_human_size(tr_cfg_int("Profile.picture_max_bytes", 5 * 1024 * 1024)));
	return tr_render(req, "profile/picture.cs");
}

static int show(tr_req *req)
{
	if (!*req->path_info)
		return form(req);
	int64_t id = tr_path_id(req);
	if (!id)
		return 404;
	const char *size = tr_arg(req, "size");
	const char *data;
	size_t len;
	int rc = tr_picture_get(id, size && !strcmp(size, "large"), &data, &len);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return 404;
	/* the address changes with every new picture (?v=): it may be kept a day */
	tr_header(req, "Cache-Control", "private, max-age=86400");
	return tr_send(req, "image/jpeg", data, len);
}

static int submit(tr_req *req)
{
	if (*req->path_info)
		return 405;
	const char *action = tr_arg(req, "action");
	if (!action)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return form(req);
	}
	int64_t uid = req->user->id;
	int rc;
	if (!strcmp(action, "delete")) {
		rc = tr_picture_delete(uid);
		return rc ? rc : tr_redirect(req, "/profile/picture?notice=picture_removed");
	}
	tr_upload *up = tr_uploads(req, "picture");
	tr_problems p = { .n = 0 };
	if (!up) {
		tr_problem_add(&p, "picture", "profile.picture_missing", NULL);
		rc = TR_E_INVALID;
	} else {
		rc = tr_picture_save(uid, up->path, up->size, &p);
	}
	if (tr_form_again(req, rc, &p))
		return form(req);
	return rc ? rc : tr_redirect(req, "/profile/picture?notice=picture_saved");
}

static const tr_page page = {
	.name = "profile_picture",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
