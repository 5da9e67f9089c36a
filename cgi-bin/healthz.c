/* healthz.c - /healthz : plain-text health for load balancers and monitoring (no secrets).
 * 200 and "status: ok" when healthy, 503 and "status: fail" otherwise; lib/jobs/health.h says what counts. */
#include "tresen.h"
#include "jobs/health.h"

static int show(tr_req *req)
{
	tr_buf b;
	tr_buf_init(&b);
	int bad = tr_health_report(&b);
	/* a failed query must not leave the worker in a broken transaction */
	tr_db_request_done();
	req->status = bad ? 503 : 200;
	tr_send(req, "text/plain; charset=utf-8", b.data ? b.data : "", b.len);
	tr_buf_free(&b);
	return 0;
}

static const tr_page page = {
	.name = "healthz",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
