/* demo.c - tresen-demo: loads the demo organizations and users through the library.
 *
 * Only for `make run` and the tests, never part of an install. Refuses to run
 * twice (the demo organizations exist already). */
#include "tresen.h"
#include "hc/article.h"
#include "hc/hcindex.h"
#include "tickets/attach.h"
#include "tickets/ticket.h"

#include <gd.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEMO_PASSWORD "Tresen-Demo-2026"

static int64_t org(const char *name, enum tr_level level, const char *domain)
{
	int64_t id = tr_org_create(name, level);
	if (id < 0 || tr_org_add_domain(id, domain) < 0) {
		fprintf(stderr, "tresen-demo: cannot create organization %s\n", name);
		return -1;
	}
	return id;
}

static int64_t user(const char *name, const char *email, int64_t org_id)
{
	int64_t id = tr_user_create(name, email, DEMO_PASSWORD, org_id, "de", 1);
	if (id < 0)
		fprintf(stderr, "tresen-demo: cannot create user %s\n", email);
	return id;
}

/* ---- demo tickets ---- */

typedef struct demo_ticket {
	const char *who;            /* requester's address */
	const char *subject;
	const char *body;
	enum tr_type type;
	const char *product;        /* NULL: none */
	const char *group;
	int days_ago;
	enum tr_status status;      /* where the story ends */
	const char *reply;          /* the agent's public answer (NULL: none yet) */
	const char *customer;       /* the customer's answer to it (NULL: none) */
	const char *note;           /* an internal note (never shown to customers) */
	const char *cc;             /* a colleague in CC */
	int urgent;
} demo_ticket;

static const demo_ticket tickets[] = {
	{ "anna@wohnbau.example", "Mietensollstellung März bricht mit Fehler ab",
	  "Guten Morgen,\n\nbeim Lauf der Mietensollstellung für März bricht das Programm nach ca. 40 % mit der Meldung \"Sollstellung konnte nicht gebucht werden (Code 4711)\" ab. Betroffen sind die Objekte 1200 bis 1250.\n\nKönnen Sie sich das bitte kurzfristig ansehen? Die Mieten müssen bis Freitag gebucht sein.\n\nViele Grüße\nAnna Schmidt",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 3, TR_OPEN,
	  "Hallo Frau Schmidt,\n\nvielen Dank für die Meldung. Wir konnten den Fehler nachstellen: ein Vertrag im Objekt 1231 hat ein Vertragsende vor dem Vertragsbeginn. Wir korrigieren die Prüfung und melden uns heute Nachmittag wieder.\n\nBeste Grüße\nTom Berger",
	  NULL, "Intern: Datenfehler in Vertrag 1231-004, Kunde nutzt noch Release 2024.2 - Update anbieten.", "ben@wohnbau.example", 1 },
	{ "anna@wohnbau.example", "Neue Benutzerin für die Buchhaltung anlegen",
	  "Hallo,\n\nbitte legen Sie für unsere neue Kollegin Frau Jana Krüger (jana.krueger@wohnbau.example) einen Zugang mit den Rechten der Rolle \"Buchhaltung\" an.\n\nDanke und viele Grüße",
	  TR_CHANGE, "Wodis Yuneo", "ERP", 20, TR_SOLVED,
	  "Hallo Frau Schmidt,\n\nder Zugang für Frau Krüger ist angelegt, die Zugangsdaten hat sie per Mail erhalten.\n\nBeste Grüße", NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Wie exportiere ich die Betriebskostenabrechnung als PDF?",
	  "Hallo Support,\n\nwir möchten die Betriebskostenabrechnungen für 2025 gesammelt als PDF ablegen. Gibt es dafür einen Export?\n\nGruß Anna Schmidt",
	  TR_QUESTION, "Wodis Yuneo", "Hilfe-Center", 45, TR_CLOSED,
	  "Hallo Frau Schmidt,\n\nja: unter Abrechnung > Betriebskosten > Druck können Sie \"Sammel-PDF\" wählen. Eine Anleitung finden Sie auch im Hilfe-Center.\n\nViele Grüße",
	  "Perfekt, hat funktioniert. Danke!", NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Mieterportal: Login für Mieter funktioniert nicht",
	  "Seit heute Morgen melden sich mehrere Mieter, dass sie sich im Mieterportal nicht mehr anmelden können. Es erscheint \"Benutzername oder Passwort falsch\", obwohl die Daten stimmen.",
	  TR_INCIDENT, "Mieterportal", "Digitale Lösungen", 6, TR_PENDING,
	  "Hallo Frau Schmidt,\n\nkönnen Sie uns zwei betroffene Mieternummern nennen? Dann prüfen wir die Konten direkt.\n\nDanke", NULL,
	  "Intern: Verdacht auf abgelaufenes Zertifikat am SSO-Proxy, mit RZ klären.", NULL, 0 },
	{ "anna@wohnbau.example", "Druckvorlage Mieterhöhungsschreiben anpassen",
	  "Bitte passen Sie in der Vorlage \"Mieterhöhung nach § 558 BGB\" den Absatz zur Begründung an. Den neuen Text haben wir beigefügt.",
	  TR_CHANGE, "Wodis Yuneo", "ERP", 1, TR_NEW, NULL, NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "CRM: Dubletten bei Interessenten zusammenführen",
	  "Wir haben im CRM viele doppelte Interessenten (gleiche E-Mail-Adresse). Wie können wir diese zusammenführen, ohne die Historie zu verlieren?",
	  TR_QUESTION, "CRM", "Digitale Lösungen", 9, TR_OPEN,
	  "Hallo Frau Schmidt,\n\ndafür gibt es die Funktion \"Dubletten prüfen\" im Menü Kontakte. Wir schauen uns Ihre Daten an und schlagen eine Regel vor.", NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Offene-Posten-Liste lädt sehr langsam",
	  "Die Offene-Posten-Liste braucht seit dem letzten Update über zwei Minuten zum Laden. Vorher waren es wenige Sekunden.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 12, TR_PENDING,
	  "Hallo Frau Schmidt,\n\nwir haben einen Index nachgezogen. Ist die Liste jetzt wieder schneller?", NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "SEPA-Lastschrift: Bank meldet Formatfehler",
	  "Die Bank hat unsere Lastschriftdatei vom 01. abgelehnt: \"Formatfehler in Feld CdtrSchmeId\". Bitte um schnelle Hilfe, der Einzug ist überfällig.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 30, TR_SOLVED,
	  "Hallo Frau Schmidt,\n\ndie Gläubiger-ID war in den Mandantenstammdaten mit Leerzeichen hinterlegt. Wir haben das korrigiert; die Datei kann neu erzeugt werden.",
	  NULL, NULL, NULL, 1 },
	{ "anna@wohnbau.example", "Wunsch: Filter nach Objektnummer in der Vertragsübersicht",
	  "Es wäre sehr hilfreich, wenn man in der Vertragsübersicht direkt nach Objektnummern filtern könnte.",
	  TR_REQUIREMENT, "Wodis Yuneo", "ERP", 2, TR_NEW, NULL, NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Zugang zum Testsystem für Schulung",
	  "Für die Schulung am 15. benötigen wir für fünf Personen einen Zugang zum Testsystem.",
	  TR_CHANGE, "Rechenzentrum", "Rechenzentrum", 60, TR_CLOSED,
	  "Die Zugänge sind eingerichtet und bis Monatsende gültig.", NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Fehlermeldung \"Buchungsperiode gesperrt\" beim Storno",
	  "Beim Storno einer Rechnung aus dem Vormonat kommt \"Buchungsperiode gesperrt\". Die Periode ist aber laut Einstellungen offen.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 4, TR_OPEN, NULL, NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Handwerkerauftrag lässt sich nicht an Dienstleister senden",
	  "Beim Versand eines Handwerkerauftrags per Schnittstelle kommt keine Bestätigung beim Dienstleister an.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 25, TR_SOLVED,
	  "Der Dienstleister hatte eine neue Empfängeradresse; wir haben sie in der Schnittstelle hinterlegt.",
	  "Jetzt kommt alles an, danke.", NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Datenbank-Dump für externe Prüfung benötigt",
	  "Unsere Wirtschaftsprüfer benötigen einen anonymisierten Datenbank-Dump des Mandanten 01.",
	  TR_CHANGE, "Rechenzentrum", "Rechenzentrum", 8, TR_PENDING,
	  "Hallo Frau Schmidt,\n\nfür einen Dump benötigen wir die Freigabe Ihrer Kundenadministratorin. Können Sie diese bitte einholen?",
	  NULL, NULL, NULL, 0 },
	{ "ben@wohnbau.example", "Kautionskonto: Zinsberechnung stimmt nicht",
	  "Bei der Abrechnung der Kaution für Vertrag 2040-011 wurden die Zinsen nur für ein Jahr berechnet, das Mietverhältnis lief aber drei Jahre.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 5, TR_OPEN,
	  "Hallo Herr Weber,\n\nwir prüfen die Zinsstaffel des Vertrags und melden uns.", NULL, NULL, NULL, 0 },
	{ "ben@wohnbau.example", "Serienbrief an alle Mieter eines Objekts",
	  "Wie erstelle ich einen Serienbrief an alle Mieter des Objekts 1300 (Baumaßnahme Fassade)?",
	  TR_QUESTION, "Wodis Yuneo", "Hilfe-Center", 15, TR_SOLVED,
	  "Hallo Herr Weber,\n\nunter Korrespondenz > Serienbrief können Sie als Empfängerkreis \"Objekt\" wählen. Die Schritte sind im Hilfe-Center beschrieben.",
	  NULL, NULL, NULL, 0 },
	{ "ben@wohnbau.example", "VPN-Zugang bricht nach 10 Minuten ab",
	  "Die VPN-Verbindung ins Rechenzentrum bricht bei mir regelmäßig nach etwa 10 Minuten ab. Kollegin Frau Schmidt ist in CC, bei ihr tritt es auch auf.",
	  TR_INCIDENT, "Rechenzentrum", "Rechenzentrum", 7, TR_PENDING,
	  "Hallo Herr Weber,\n\nbitte senden Sie uns die Version Ihres VPN-Clients und einen Auszug aus dem Verbindungsprotokoll.",
	  NULL, NULL, "anna@wohnbau.example", 0 },
	{ "ben@wohnbau.example", "Neues Objekt mit 48 Wohneinheiten anlegen",
	  "Wir haben das Objekt \"Am Hafen 12\" gekauft. Bitte legen Sie es mit 48 Wohneinheiten an, die Stammdaten liegen bei.",
	  TR_CHANGE, "Wodis Yuneo", "ERP", 50, TR_CLOSED,
	  "Das Objekt ist angelegt. Bitte prüfen Sie die Flächenangaben.", "Alles korrekt, vielen Dank.", NULL, NULL, 0 },
	{ "ben@wohnbau.example", "Push-Benachrichtigungen im Mieterportal kommen doppelt",
	  "Mieter erhalten jede Benachrichtigung der App zweimal.",
	  TR_INCIDENT, "Mieterportal", "Digitale Lösungen", 1, TR_NEW, NULL, NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Zählerstände werden im Abrechnungslauf nicht übernommen",
	  "Die per Portal gemeldeten Zählerstände (Strom) vom 30. werden im Abrechnungslauf nicht berücksichtigt.",
	  TR_INCIDENT, "Wodis Sigma", "ERP", 2, TR_OPEN,
	  "Hallo Frau Müller,\n\ndie Übernahme lief wegen eines Zeitzonenfehlers einen Tag zu früh. Wir korrigieren das und starten den Import neu.",
	  NULL, "Intern: betrifft auch andere Kunden mit Wodis Sigma 8.3", NULL, 1 },
	{ "carla@stadtwerke.example", "Rechnungsdruck: Logo wird abgeschnitten",
	  "Auf den neuen Rechnungen wird unser Logo oben rechts abgeschnitten.",
	  TR_INCIDENT, "Wodis Sigma", "ERP", 18, TR_SOLVED,
	  "Das Logo war in zu hoher Auflösung hinterlegt; wir haben es angepasst.", NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Zusätzliche Lizenz für das CRM",
	  "Bitte schalten Sie eine weitere CRM-Lizenz für unseren Vertrieb frei.",
	  TR_CHANGE, "CRM", "Digitale Lösungen", 10, TR_PENDING,
	  "Gerne. Bitte bestätigen Sie uns, auf welchen Benutzer die Lizenz laufen soll.", NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Passwort für das Testsystem zurücksetzen",
	  "Wie kann ich mein Passwort für das Testsystem zurücksetzen?",
	  TR_QUESTION, "Rechenzentrum", "Rechenzentrum", 40, TR_CLOSED,
	  "Über den Link \"Passwort vergessen\" auf der Anmeldeseite des Testsystems.", NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Wiederherstellung einer gelöschten Tabelle",
	  "Versehentlich wurde die Tabelle der Tarifzuordnungen geleert. Können Sie den Stand von gestern wiederherstellen?",
	  TR_CHANGE, "Rechenzentrum", "Rechenzentrum", 1, TR_OPEN,
	  "Wir stellen den Stand von gestern 22:00 Uhr in einer Kopie bereit und melden uns.", NULL, NULL, NULL, 1 },
	{ "carla@stadtwerke.example", "Anregung: Dunkelmodus im Portal",
	  "Viele Kolleginnen würden sich einen Dunkelmodus für das Portal wünschen.",
	  TR_REQUIREMENT, "Hilfe-Center", "Digitale Lösungen", 3, TR_NEW, NULL, NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Import der Kundendaten aus dem Altsystem",
	  "Welches Format benötigen Sie für den Import unserer Kundendaten aus dem Altsystem?",
	  TR_QUESTION, "CRM", "Digitale Lösungen", 28, TR_SOLVED,
	  "Am einfachsten als CSV in UTF-8, eine Vorlage haben wir Ihnen per Mail geschickt.", NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Störung: Portal am Morgen nicht erreichbar",
	  "Heute zwischen 7:00 und 7:40 Uhr war das Portal nicht erreichbar.",
	  TR_INCIDENT, "Rechenzentrum", "Rechenzentrum", 35, TR_CLOSED,
	  "Ein Netzwerkgerät im Rechenzentrum war ausgefallen; die Redundanz hat zu spät umgeschaltet. Wir haben die Konfiguration korrigiert.",
	  NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Dokumentenarchiv: Suche findet keine Verträge von 2019",
	  "Im Dokumentenarchiv findet die Volltextsuche keine Mietverträge aus 2019. Screenshot anbei.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 2, TR_OPEN,
	  "Danke für den Screenshot. Der Suchindex für 2019 wird neu aufgebaut; das dauert bis morgen früh.", NULL, NULL, NULL, 0 },
	{ "anna@wohnbau.example", "Monatsabschluss: Anleitung für neue Kollegin",
	  "Gibt es eine Schritt-für-Schritt-Anleitung für den Monatsabschluss, die wir an eine neue Kollegin weitergeben können?",
	  TR_QUESTION, "Hilfe-Center", "Hilfe-Center", 14, TR_SOLVED,
	  "Ja, im Hilfe-Center unter \"Buchhaltung > Monatsabschluss\". Die Anleitung als PDF hängt an.", NULL, NULL, NULL, 0 },
	{ "carla@stadtwerke.example", "Abschlagsberechnung: neue Abschläge deutlich zu hoch",
	  "Nach der Jahresabrechnung wurden bei vielen Kunden die neuen Abschläge fast verdoppelt, obwohl der Verbrauch gleich blieb.",
	  TR_INCIDENT, "Wodis Sigma", "ERP", 3, TR_OPEN,
	  "Hallo Frau Müller,\n\nkönnen Sie uns zwei Kundennummern als Beispiel nennen? Dann prüfen wir die Hochrechnung.",
	  "Zum Beispiel 400123 und 400981 – beide mit gleichem Verbrauch wie im Vorjahr.", NULL, NULL, 0 },
	{ "ben@wohnbau.example", "Mahnlauf bricht ab – Mahnfristen laufen heute ab",
	  "Der Mahnlauf für die Mieter bricht seit heute früh bei Objekt 1400 ab. Die Mahnungen müssen heute raus, sonst verlieren wir die Fristen.",
	  TR_INCIDENT, "Wodis Yuneo", "ERP", 0, TR_NEW, NULL, NULL, NULL, NULL, 1 },
};

static int64_t id_of(const char *sql, const char *value)
{
	int64_t id = 0;
	return tr_db_int(&id, sql, "s", value) > 0 ? id : 0;
}

static const char *days_ago(int days, int minutes)
{
	time_t t = time(NULL) - (time_t)days * 86400 + (time_t)minutes * 60;
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[24];
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	return tr_strdup(buf);
}

/* A small "screenshot" drawn with libgd, and a one-page PDF, for the attachment demos. */
static const char *demo_png(void)
{
	gdImagePtr im = gdImageCreateTrueColor(480, 270);
	int bg = gdImageColorAllocate(im, 246, 247, 249), bar = gdImageColorAllocate(im, 15, 107, 100);
	int line = gdImageColorAllocate(im, 210, 214, 220), red = gdImageColorAllocate(im, 180, 35, 24);
	gdImageFilledRectangle(im, 0, 0, 479, 269, bg);
	gdImageFilledRectangle(im, 0, 0, 479, 34, bar);
	for (int y = 60; y < 240; y += 30)
		gdImageFilledRectangle(im, 24, y, 455, y + 14, line);
	gdImageRectangle(im, 20, 115, 459, 151, red);
	char *path = tr_fmt("%s/demo-XXXXXX", tr_cfg("Paths.tmp", "/tmp"));
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (f) {
		gdImagePng(im, f);
		fclose(f);
	}
	gdImageDestroy(im);
	return f ? path : NULL;
}

static const char *demo_pdf(void)
{
	static const char pdf[] =
		"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
		"4 0 obj<</Length 64>>stream\nBT /F1 18 Tf 72 760 Td (Monatsabschluss - Schritt fuer Schritt) Tj ET\nendstream endobj\n"
		"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
	char *path = tr_fmt("%s/demo-XXXXXX", tr_cfg("Paths.tmp", "/tmp"));
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	int ok = write(fd, pdf, sizeof(pdf) - 1) == (ssize_t)(sizeof(pdf) - 1);
	close(fd);
	return ok ? path : NULL;
}

static int demo_ticket_create(const demo_ticket *d, int64_t agent, int index)
{
	int64_t requester = id_of("SELECT id FROM users WHERE email_norm = ?", d->who);
	int64_t cc = d->cc ? id_of("SELECT id FROM users WHERE email_norm = ?", d->cc) : 0;
	int assigned = d->status != TR_NEW;
	tr_ticket_new n = {
		.requester_id = requester,
		.subject = d->subject,
		.description = d->body,
		.type = d->type,
		.priority = d->urgent ? TR_HIGH : d->type == TR_QUESTION ? TR_LOW : TR_NORMAL,
		.urgent_claim = d->urgent,
		.urgent_reason = d->urgent ? "Fristgebundener Vorgang, bitte heute bearbeiten." : NULL,
		.product_id = d->product ? id_of("SELECT id FROM products WHERE name = ?", d->product) : 0,
		.group_id = id_of("SELECT id FROM staff_groups WHERE name = ?", d->group),
		.assignee_id = assigned ? agent : 0,
		.status = assigned ? TR_OPEN : TR_NEW,
		.cc_ids = cc ? &cc : NULL,
		.ncc = cc ? 1 : 0,
		.created_at = days_ago(d->days_ago, index),
	};
	int64_t first_comment;
	int64_t id = tr_ticket_create(&n, &first_comment);
	if (id < 0)
		return -1;
	tr_ticket *t = tr_ticket_load(id, 0, NULL);
	if (!t)
		return -1;
	int minutes = 90;
	if (d->note && tr_ticket_agent_reply(t, agent, d->note, 0, t->status, days_ago(d->days_ago, minutes += 30)) < 0)
		return -1;
	if (d->reply) {
		enum tr_status after = d->status == TR_CLOSED ? TR_SOLVED : d->status == TR_NEW ? TR_OPEN : d->status;
		if (tr_ticket_agent_reply(t, agent, d->reply, 1, d->customer && d->status != TR_CLOSED ? TR_PENDING : after,
					  days_ago(d->days_ago, minutes += 120)) < 0)
			return -1;
		/* the agent who answered had looked at the urgency claim */
		if (t->urgent_review) {
			tr_ticket before = *t;
			t->urgent_review = 0;
			if (tr_ticket_update(&before, t, (tr_actor){ agent, "agent" }, "accepted",
					     days_ago(d->days_ago, minutes += 1)) < 0)
				return -1;
		}
		if (d->customer) {
			int64_t cid = tr_ticket_comment(t, requester, 1, 0, d->customer, "web",
							days_ago(d->days_ago, minutes += 200));
			if (cid < 0)
				return -1;
			/* the customer's answer to a question reopens the ticket: it waits for us again */
			if (d->status == TR_OPEN &&
			    tr_ticket_set_status(t, TR_OPEN, (tr_actor){ requester, "customer" }, NULL,
						 days_ago(d->days_ago, minutes)) < 0)
				return -1;
			if (d->status == TR_CLOSED || d->status == TR_SOLVED)
				tr_ticket_set_status(t, TR_SOLVED, (tr_actor){ requester, "customer" },
						     "marked_solved_by_customer", days_ago(d->days_ago, minutes += 5));
		}
		if (d->status == TR_CLOSED &&
		    tr_ticket_set_status(t, TR_CLOSED, (tr_actor){ 0, "system" }, "auto_close",
					 days_ago(d->days_ago > 14 ? d->days_ago - 14 : 0, 0)) < 0)
			return -1;
	}
	/* the screenshot and the PDF of two stories */
	if (strstr(d->subject, "Dokumentenarchiv")) {
		const char *png = demo_png();
		if (!png || tr_attach_add_file(id, first_comment, requester, png, "Suche-Dokumentenarchiv.png", 1) < 0)
			return -1;
		unlink(png);
	}
	if (strstr(d->subject, "Monatsabschluss")) {
		const char *pdf = demo_pdf();
		int64_t reply_id = 0;
		tr_db_int(&reply_id, "SELECT MAX(id) FROM comments WHERE ticket_id = ? AND is_public = 1", "l", id);
		if (!pdf || tr_attach_add_file(id, reply_id, agent, pdf, "Anleitung Monatsabschluss.pdf", 0) < 0)
			return -1;
		unlink(pdf);
	}
	return 0;
}

static int demo_tickets(int64_t agent)
{
	for (size_t i = 0; i < TR_ARRAY_LEN(tickets); i++)
		if (demo_ticket_create(&tickets[i], agent, (int)i) < 0) {
			fprintf(stderr, "tresen-demo: ticket \"%s\" failed\n", tickets[i].subject);
			return -1;
		}
	return 0;
}

/* ---- macros: saved replies with changes, shared and one agent's own (R-AGT) ---- */

static const struct {
	int own;                    /* Tom's own, else shared */
	const char *title, *body, *status, *priority, *group;
	int is_public;
} macros[] = {
	{ 0, "Rückfrage Mandant",
	  "Guten Tag {{requester}},\n\nvielen Dank für Ihre Anfrage {{ticket}}. Damit wir den Fall nachstellen können: In welchem Mandanten "
	  "und mit welchem Benutzer tritt das auf? Ein Screenshot der Meldung hilft uns ebenfalls.\n\nFreundliche Grüße\n{{agent}}",
	  "pending", NULL, NULL, 1 },
	{ 0, "Gelöst – bitte bestätigen",
	  "Guten Tag {{requester}},\n\nwir haben die Ursache behoben. Bitte prüfen Sie, ob nun alles wie erwartet funktioniert; "
	  "falls nicht, antworten Sie einfach in der Anfrage.\n\nFreundliche Grüße\n{{agent}}", "solved", NULL, NULL, 1 },
	{ 0, "Dringend: Eingang bestätigt",
	  "Guten Tag {{requester}},\n\nwir haben Ihre dringende Anfrage {{ticket}} erhalten und arbeiten bereits daran. "
	  "Wir melden uns spätestens in zwei Stunden mit dem Stand.\n\nFreundliche Grüße\n{{agent}}", "open", "high", NULL, 1 },
	{ 0, "An das Rechenzentrum übergeben",
	  "Übergabe an das Rechenzentrum: bitte Server- und Netzwerkseite prüfen (Logs der letzten 24 Stunden).",
	  NULL, NULL, "Rechenzentrum", 0 },
	{ 1, "Hinweis auf aktuelles Release",
	  "Guten Tag {{requester}},\n\nder Fehler ist im aktuellen Release behoben. Wir empfehlen das Update; "
	  "den Termin stimmen wir gern mit Ihnen ab.\n\nFreundliche Grüße\n{{agent}}", NULL, NULL, NULL, 1 },
};

static int demo_macros(int64_t owner)
{
	for (size_t i = 0; i < TR_ARRAY_LEN(macros); i++) {
		int64_t group = macros[i].group ? id_of("SELECT id FROM staff_groups WHERE name = ?", macros[i].group) : 0;
		if (tr_db_run("INSERT INTO macros (owner_id, title, body, is_public, set_status, set_priority, set_group_id, "
			      "sort, created_at, updated_at) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, 0), ?, NOW(), NOW())",
			      "lssissli", macros[i].own ? owner : 0, macros[i].title, macros[i].body, macros[i].is_public,
			      macros[i].status, macros[i].priority, group, (int)i) < 0)
			return -1;
	}
	return 0;
}

/* ---- help-centre articles: notices for everyone, help for signed-in users (suggestions, R-HC 2) ---- */

static const struct { const char *key, *category, *name; } sections[] = {
	{ "notices", "Serviceportal und Aktuelles", "Hinweise und Ankündigungen" },
	{ "portal_account", "Serviceportal und Aktuelles", "Konto und Anmeldung" },
	{ "portal_requests", "Serviceportal und Aktuelles", "Anfragen stellen" },
	{ "yuneo_rental", "Wodis Yuneo", "Vermietung" },
	{ "yuneo_accounting", "Wodis Yuneo", "Rechnungswesen" },
	{ "yuneo_costs", "Wodis Yuneo", "Betriebskosten" },
	{ "yuneo_maintenance", "Wodis Yuneo", "Technik und Instandhaltung" },
	{ "yuneo_letters", "Wodis Yuneo", "Korrespondenz und Druck" },
	{ "crm", "Digitale Lösungen und Rechenzentrum", "CRM" },
	{ "portal_app", "Digitale Lösungen und Rechenzentrum", "Mieterportal und Mieter-App" },
	{ "dc_access", "Digitale Lösungen und Rechenzentrum", "Zugänge und VPN" },
	{ "dc_backup", "Digitale Lösungen und Rechenzentrum", "Sicherung und Wiederherstellung" },
};

typedef struct demo_article {
	const char *section;
	const char *title;
	const char *body;
	int everyone, notice;
	int urgent_days;             /* an urgent notice: its bar shows for that many days */
} demo_article;

static const demo_article articles[] = {
	{ "notices", "Störung: VPN-Zugang ins Rechenzentrum eingeschränkt",
	  "<p>Seit heute Morgen brechen VPN-Verbindungen ins Rechenzentrum bei einigen Kunden nach wenigen Minuten ab. Wir arbeiten mit Hochdruck an der Behebung und informieren hier, sobald die Störung behoben ist.</p><p>Bitte stellen Sie dazu keine einzelnen Anfragen; dringende Fälle melden Sie über das Formular IT-Infrastruktur mit Dringlichkeit.</p>", 1, 1, 3 },
	{ "notices", "Wartungsfenster am Samstag, 6:00 bis 9:00 Uhr",
	  "<p>Am kommenden Samstag aktualisieren wir die Server im Rechenzentrum. Zwischen <strong>6:00 und 9:00 Uhr</strong> sind Wodis Yuneo, das CRM und das Mieterportal zeitweise nicht erreichbar.</p><p>Bitte beenden Sie laufende Abrechnungsläufe vorher. Nach der Wartung ist keine Aktion von Ihnen nötig.</p>", 1, 1, 0 },
	{ "notices", "Neues Serviceportal: Anfragen nur noch über das Webformular",
	  "<p>Ab sofort stellen Sie Anfragen über die Formulare im Serviceportal. Das Formular führt Sie zu den nötigen Angaben, schlägt passende Hilfeartikel vor und leitet vollständige Anfragen direkt an die zuständige Bearbeiterin oder den zuständigen Bearbeiter weiter.</p><p>Anfragen per E-Mail an die alte Support-Adresse werden nicht mehr angenommen.</p>", 1, 1, 0 },
	{ "notices", "Release Wodis Yuneo 2025.2 verfügbar",
	  "<p>Das Release 2025.2 bringt eine schnellere Offene-Posten-Liste, den Sammel-PDF-Druck der Betriebskostenabrechnung und neue Prüfungen bei der Mietensollstellung.</p><p>Die Versionshinweise finden angemeldete Benutzer im Hilfe-Center unter Wodis Yuneo.</p>", 1, 1, 0 },
	{ "notices", "Störung behoben: Anmeldung im Mieterportal",
	  "<p>Am Dienstagmorgen konnten sich Mieterinnen und Mieter zeitweise nicht im Mieterportal anmelden. Ursache war ein abgelaufenes Zertifikat am Anmeldedienst. Die Störung ist behoben; betroffene Konten müssen nichts tun.</p>", 1, 1, 0 },
	{ "notices", "Feiertage: Erreichbarkeit des Supports zum Jahreswechsel",
	  "<p>Zwischen Weihnachten und Neujahr ist der Support an Werktagen von 9:00 bis 15:00 Uhr erreichbar. Dringende Störungen bearbeiten wir wie gewohnt; geben Sie dazu im Formular die Dringlichkeit an.</p>", 1, 1, 0 },
	{ "portal_account", "Passwort vergessen: So melden Sie sich wieder im Serviceportal an",
	  "<p>Wenn Sie Ihr Passwort für das Serviceportal vergessen haben:</p><ol><li>Klicken Sie auf der Anmeldeseite auf <strong>Passwort vergessen?</strong></li><li>Geben Sie Ihre E-Mail-Adresse ein.</li><li>Öffnen Sie den Link in unserer Nachricht und vergeben Sie ein neues Passwort.</li></ol><p>Der Link ist eine Stunde gültig.</p>", 1, 0, 0 },
	{ "portal_account", "Registrierung im Serviceportal",
	  "<p>Registrieren Sie sich mit Ihrer geschäftlichen E-Mail-Adresse. Ihre Organisation erkennen wir an der Domain Ihrer Adresse. Sammeladressen wie info@ oder support@ sind nicht möglich.</p><p>Nach der Registrierung erhalten Sie eine Bestätigungsnachricht; erst danach können Sie Anfragen stellen.</p>", 1, 0, 0 },
	{ "portal_requests", "Anfragen stellen: Welches Formular ist das richtige?",
	  "<p>Für Wodis Yuneo und Wodis Sigma wählen Sie <strong>ERP-Produkte</strong>, für CRM, Mieterportal und Apps <strong>Digitale Lösungen</strong>, für Server, VPN, Zugänge und Datenbanken <strong>IT-Infrastruktur</strong>. Fragen zu einem Hilfeartikel stellen Sie über <strong>Nutzung von Hilfe-Center-Artikeln</strong>.</p><p>Je vollständiger Sie die Felder ausfüllen, desto schneller landet Ihre Anfrage bei der richtigen Person.</p>", 0, 0, 0 },
	{ "portal_requests", "Dringlichkeit angeben: Wann ist eine Anfrage dringend?",
	  "<p>Geben Sie Dringlichkeit an, wenn der Betrieb stark beeinträchtigt ist, zum Beispiel wenn Mieten nicht gebucht werden können oder eine gesetzliche Frist droht. Begründen Sie die Dringlichkeit kurz; unser Team prüft jede Angabe und weist berechtigte Anfragen sofort zu.</p>", 0, 0, 0 },
	{ "portal_requests", "Kolleginnen und Kollegen in CC setzen",
	  "<p>Im Formular können Sie Kolleginnen und Kollegen Ihrer Organisation in CC setzen. Sie erhalten dieselben Benachrichtigungen und können in der Anfrage antworten. Adressen außerhalb Ihrer Organisation sind nicht möglich.</p>", 0, 0, 0 },
	{ "yuneo_rental", "Mietensollstellung bricht mit Fehler ab",
	  "<p>Bricht die Mietensollstellung mit der Meldung <strong>Sollstellung konnte nicht gebucht werden</strong> ab, liegt meist ein Vertrag mit unplausiblen Daten vor, etwa ein Vertragsende vor dem Vertragsbeginn.</p><ol><li>Starten Sie die Prüfung unter Vermietung &gt; Verträge &gt; Plausibilitätsprüfung.</li><li>Korrigieren Sie die gemeldeten Verträge.</li><li>Starten Sie die Sollstellung erneut; bereits gebuchte Objekte werden übersprungen.</li></ol>", 0, 0, 0 },
	{ "yuneo_rental", "Mieterhöhung nach § 558 BGB erstellen",
	  "<p>Unter Vermietung &gt; Mietanpassung wählen Sie die Objekte und das Wirksamkeitsdatum. Das Programm prüft Kappungsgrenze und Jahressperrfrist und erzeugt die Schreiben mit der Druckvorlage <strong>Mieterhöhung nach § 558 BGB</strong>.</p>", 0, 0, 0 },
	{ "yuneo_rental", "Kaution: Zinsen für die Mietkaution berechnen",
	  "<p>Die Zinsen der Mietkaution berechnet Wodis Yuneo nach der hinterlegten Zinsstaffel des Kautionskontos. Prüfen Sie bei falschen Beträgen, ob die Zinsstaffel den ganzen Zeitraum des Mietverhältnisses abdeckt.</p>", 0, 0, 0 },
	{ "yuneo_rental", "Vertragsübersicht nach Objektnummer filtern",
	  "<p>In der Vertragsübersicht können Sie über das Filtersymbol in der Spalte <strong>Objekt</strong> nach Objektnummern filtern. Mehrere Nummern trennen Sie mit Komma, Bereiche mit Bindestrich (z. B. 1200-1250).</p>", 0, 0, 0 },
	{ "yuneo_accounting", "Offene-Posten-Liste lädt langsam",
	  "<p>Lädt die Offene-Posten-Liste sehr langsam, schränken Sie zuerst den Zeitraum und den Buchungskreis ein. Ab Release 2025.2 ist die Liste deutlich schneller; ältere Releases profitieren von der Reorganisation der Indizes (Administration &gt; Datenbank &gt; Reorganisation).</p>", 0, 0, 0 },
	{ "yuneo_accounting", "Buchungsperiode gesperrt beim Storno",
	  "<p>Die Meldung <strong>Buchungsperiode gesperrt</strong> erscheint, wenn die Periode im Buchungskreis geschlossen ist, auch wenn sie in den allgemeinen Einstellungen offen ist. Öffnen Sie die Periode unter Rechnungswesen &gt; Perioden für den betroffenen Buchungskreis.</p>", 0, 0, 0 },
	{ "yuneo_accounting", "SEPA-Lastschrift: Bank meldet Formatfehler",
	  "<p>Meldet die Bank einen Formatfehler in der Lastschriftdatei, prüfen Sie die Gläubiger-ID in den Mandantenstammdaten: Sie darf keine Leerzeichen enthalten. Erzeugen Sie die Datei danach neu.</p>", 0, 0, 0 },
	{ "yuneo_accounting", "Monatsabschluss Schritt für Schritt",
	  "<ol><li>Alle Zahlungseingänge buchen und Kontoauszüge abstimmen.</li><li>Sollstellung und Abgrenzungen prüfen.</li><li>Umsatzsteuer-Voranmeldung erzeugen.</li><li>Periode schließen.</li></ol><p>Die Anleitung gibt es auch als PDF zum Weitergeben.</p>", 0, 0, 0 },
	{ "yuneo_costs", "Betriebskostenabrechnung als Sammel-PDF drucken",
	  "<p>Unter Abrechnung &gt; Betriebskosten &gt; Druck wählen Sie <strong>Sammel-PDF</strong>. Alle Abrechnungen des gewählten Zeitraums werden in einer Datei abgelegt, sortiert nach Objekt und Mieteinheit.</p>", 0, 0, 0 },
	{ "yuneo_costs", "Zählerstände in die Betriebskostenabrechnung übernehmen",
	  "<p>Zählerstände aus dem Mieterportal werden nachts übernommen. Erscheinen sie nicht im Abrechnungslauf, prüfen Sie das Ablesedatum: Stände nach dem Stichtag des Laufs werden erst im nächsten Lauf berücksichtigt.</p>", 0, 0, 0 },
	{ "yuneo_maintenance", "Handwerkerauftrag an Dienstleister senden",
	  "<p>Handwerkeraufträge gehen über die Schnittstelle an den Dienstleister. Kommt keine Bestätigung an, prüfen Sie die Empfängeradresse des Dienstleisters unter Technik &gt; Dienstleister &gt; Schnittstelle.</p>", 0, 0, 0 },
	{ "yuneo_letters", "Serienbrief an alle Mieter eines Objekts",
	  "<p>Unter Korrespondenz &gt; Serienbrief wählen Sie als Empfängerkreis <strong>Objekt</strong> und die Objektnummer. Die Vorschau zeigt alle Empfänger; einzelne können Sie abwählen, bevor Sie drucken oder per E-Mail senden.</p>", 0, 0, 0 },
	{ "yuneo_letters", "Druckvorlagen anpassen und Logo tauschen",
	  "<p>Druckvorlagen bearbeiten Sie unter Administration &gt; Vorlagen. Das Logo sollte als PNG mit höchstens 600 Pixel Breite hinterlegt werden, sonst wird es im Druck abgeschnitten.</p>", 0, 0, 0 },
	{ "crm", "Dubletten im CRM zusammenführen",
	  "<p>Unter Kontakte &gt; Dubletten prüfen findet das CRM Kontakte mit gleicher E-Mail-Adresse oder gleichem Namen und gleicher Anschrift. Beim Zusammenführen bleibt die Historie beider Kontakte erhalten.</p>", 0, 0, 0 },
	{ "crm", "Kundendaten aus dem Altsystem ins CRM importieren",
	  "<p>Für den Import benötigen wir eine CSV-Datei in UTF-8 mit Semikolon als Trennzeichen. Die Vorlage mit allen Spalten finden Sie im Anhang dieses Artikels.</p>", 0, 0, 0 },
	{ "crm", "Weitere CRM-Lizenz beantragen",
	  "<p>Zusätzliche Lizenzen beantragen Sie über das Formular Digitale Lösungen mit dem Anfragetyp <strong>Auftrag/Änderung</strong>. Nennen Sie den Benutzer, auf den die Lizenz laufen soll.</p>", 0, 0, 0 },
	{ "portal_app", "Mieterportal: Mieter können sich nicht anmelden",
	  "<p>Können sich Mieterinnen und Mieter nicht anmelden, prüfen Sie zuerst, ob das Konto aktiviert ist. Bei vielen gleichzeitigen Meldungen liegt eine Störung vor: Melden Sie sie mit zwei betroffenen Mieternummern.</p>", 0, 0, 0 },
	{ "portal_app", "Mieter-App: Push-Benachrichtigungen kommen doppelt",
	  "<p>Doppelte Benachrichtigungen entstehen, wenn die App auf einem Gerät zweimal registriert ist. Abmelden und erneut anmelden in der App behebt das.</p>", 0, 0, 0 },
	{ "dc_access", "VPN-Verbindung bricht nach wenigen Minuten ab",
	  "<p>Bricht die VPN-Verbindung ins Rechenzentrum regelmäßig ab, aktualisieren Sie den VPN-Client auf die aktuelle Version und deaktivieren Sie den Energiesparmodus der Netzwerkkarte. Hilft das nicht, senden Sie uns das Verbindungsprotokoll.</p>", 0, 0, 0 },
	{ "dc_access", "Passwort für das Testsystem zurücksetzen",
	  "<p>Das Passwort für das Testsystem setzen Sie über den Link <strong>Passwort vergessen</strong> auf der Anmeldeseite des Testsystems zurück. Für das Produktivsystem wenden Sie sich an Ihre Kundenadministration.</p>", 0, 0, 0 },
	{ "dc_access", "Zugang zum Testsystem für Schulungen",
	  "<p>Schulungszugänge zum Testsystem richten wir zeitlich begrenzt ein. Stellen Sie die Anfrage über das Formular IT-Infrastruktur, Art der Anfrage <strong>Zugang oder Berechtigung</strong>, mit Namen und Zeitraum.</p>", 0, 0, 0 },
	{ "dc_backup", "Datenbank-Dump anfordern",
	  "<p>Einen Datenbank-Dump stellen wir nur mit Freigabe Ihrer Kundenadministration bereit. Nennen Sie im Formular den Zweck; personenbezogene Daten werden auf Wunsch anonymisiert.</p>", 0, 0, 0 },
	{ "dc_backup", "Wiederherstellung aus der Sicherung",
	  "<p>Wir sichern jede Nacht um 22:00 Uhr. Für eine Wiederherstellung geben Sie im Formular den gewünschten Stand an; wir stellen ihn zunächst in einer Kopie bereit, damit Sie prüfen können.</p>", 0, 0, 0 },
};

static int64_t section_id(const char *key, int64_t *ids)
{
	for (size_t i = 0; i < TR_ARRAY_LEN(sections); i++)
		if (!strcmp(sections[i].key, key))
			return ids[i];
	return 0;
}

/* the articles /hc recommends */
static int is_promoted(const char *title)
{
	static const char *const promoted[] = {
		"Passwort vergessen: So melden Sie sich wieder im Serviceportal an",
		"Anfragen stellen: Welches Formular ist das richtige?",
		"Monatsabschluss Schritt für Schritt",
		"VPN-Verbindung bricht nach wenigen Minuten ab",
	};
	for (size_t i = 0; i < TR_ARRAY_LEN(promoted); i++)
		if (!strcmp(promoted[i], title))
			return 1;
	return 0;
}

static int demo_articles(int64_t author)
{
	int64_t ids[TR_ARRAY_LEN(sections)];
	const char *cat_names[TR_ARRAY_LEN(sections)];
	int64_t cat_ids[TR_ARRAY_LEN(sections)];
	size_t ncat = 0;
	for (size_t i = 0; i < TR_ARRAY_LEN(sections); i++) {
		int64_t cat = 0;
		for (size_t k = 0; k < ncat; k++)
			if (!strcmp(cat_names[k], sections[i].category))
				cat = cat_ids[k];
		if (!cat) {
			cat = tr_hc_category_create(sections[i].category, NULL, (int)ncat * 10);
			cat_names[ncat] = sections[i].category;
			cat_ids[ncat++] = cat;
		}
		ids[i] = cat > 0 ? tr_hc_section_create(cat, sections[i].name, NULL, (int)i * 10) : -1;
		if (ids[i] < 0)
			return -1;
	}
	for (size_t i = 0; i < TR_ARRAY_LEN(articles); i++) {
		const demo_article *a = &articles[i];
		tr_article_new n = {
			.section_id = section_id(a->section, ids),
			.title = a->title,
			.body = a->body,
			.everyone = a->everyone,
			.is_notice = a->notice,
			.author_id = author,
			.created_at = a->urgent_days ? days_ago(0, -30) : days_ago((int)(TR_ARRAY_LEN(articles) - i) * 3, 0),
			.urgent_until = a->urgent_days ? days_ago(-a->urgent_days, 0) : NULL,
			.promoted = is_promoted(a->title),
		};
		if (tr_article_create(&n) < 0) {
			fprintf(stderr, "tresen-demo: article \"%s\" failed\n", a->title);
			return -1;
		}
	}
	return 0;
}

/* ---- approvals and information recipients (R-APPR) ---- */

/* Every demo organization has approvers: Wohnbau Nord its main contact Anna and the customer
 * administrator Dana; Stadtwerke Süd Stefan (both roles, English, information recipient). The
 * organizations use products (product mails reach their information recipients), and Anna's
 * open change waits for Dana's approval. */
static int demo_approvals(int64_t wohnbau, int64_t stadtwerke)
{
	int64_t dana = user("Dana Fischer", "dana@wohnbau.example", wohnbau);
	int64_t stefan = tr_user_create("Stefan Braun", "stefan@stadtwerke.example", DEMO_PASSWORD, stadtwerke, "en", 1);
	if (dana < 0 || stefan < 0)
		return -1;
	if (tr_db_run("UPDATE users SET is_customer_admin = 1 WHERE id = ?", "l", dana) < 0 ||
	    tr_db_run("UPDATE users SET is_main_contact = 1, is_customer_admin = 1, is_info_recipient = 1 WHERE id = ?",
		      "l", stefan) < 0 ||
	    tr_db_run("INSERT INTO organization_products (org_id, product_id) SELECT ?, id FROM products "
		      "WHERE name IN ('Wodis Yuneo', 'CRM', 'Mieterportal', 'Hilfe-Center')", "l", wohnbau) < 0 ||
	    tr_db_run("INSERT INTO organization_products (org_id, product_id) SELECT ?, id FROM products "
		      "WHERE name IN ('Wodis Sigma', 'Rechenzentrum', 'Hilfe-Center')", "l", stadtwerke) < 0)
		return -1;
	/* Ben's order waits for Anna or Dana (a ticket of its own: the other demo tickets tell their stories) */
	tr_ticket_new n = {
		.requester_id = id_of("SELECT id FROM users WHERE email_norm = ?", "ben@wohnbau.example"),
		.subject = "Zusatzmodul Mietspiegel-Auswertung beauftragen",
		.description = "Hallo,\n\nwir möchten das Zusatzmodul \"Mietspiegel-Auswertung\" für unsere Wodis-Yuneo-Installation "
			       "beauftragen (Angebot 2026-114 vom 12. Januar). Bitte schalten Sie es für beide Mandanten frei.\n\n"
			       "Viele Grüße\nBen Weber",
		.type = TR_CHANGE,
		.priority = TR_NORMAL,
		.product_id = id_of("SELECT id FROM products WHERE name = ?", "Wodis Yuneo"),
		.group_id = id_of("SELECT id FROM staff_groups WHERE name = ?", "ERP"),
		.status = TR_NEW,
		.created_at = days_ago(2, 0),
	};
	int64_t id = tr_ticket_create(&n, NULL);
	if (id < 0 ||
	    tr_db_run("INSERT INTO approvals (ticket_id, org_id, requester_id, role, state, route, created_at, "
		      "next_reminder_at) SELECT id, org_id, requester_id, 'order', 'awaiting', 0, created_at, "
		      "NOW() + INTERVAL 1 DAY FROM tickets WHERE id = ?", "l", id) < 0 ||
	    tr_db_run("INSERT INTO ticket_events (ticket_id, at, actor_kind, kind, new_value, note) "
		      "SELECT ticket_id, created_at, 'system', 'approval', 'awaiting', role FROM approvals WHERE ticket_id = ?",
		      "l", id) < 0)
		return -1;
	return 0;
}

int main(void)
{
	tr_log_init("tresen-demo");
	if (tr_config_load(NULL) < 0 || sodium_init() < 0 || tr_db_connect() < 0)
		return 1;
	tr_time_init();
	int64_t existing = 0;
	if (tr_db_int(&existing, "SELECT COUNT(*) FROM organizations WHERE name = 'Wohnbau Nord GmbH'", "") < 0)
		return 1;
	if (existing) {
		printf("demo data already loaded\n");
		return 0;
	}
	if (tr_db_begin() < 0)
		return 1;
	int64_t wohnbau = org("Wohnbau Nord GmbH", TR_LEVEL_ORG_READ, "wohnbau.example");
	int64_t stadtwerke = org("Stadtwerke Süd AG", TR_LEVEL_OWN, "stadtwerke.example");
	int64_t anna = user("Anna Schmidt", "anna@wohnbau.example", wohnbau);
	int64_t ben = user("Ben Weber", "ben@wohnbau.example", wohnbau);
	int64_t carla = user("Carla Müller", "carla@stadtwerke.example", stadtwerke);
	int64_t agent = user("Tom Berger", "agent@tresen.example", 0);
	int64_t admin = user("Petra Admin", "admin@tresen.example", 0);
	/* more agents, so that routing to the least-loaded one can be seen */
	int64_t jonas = user("Jonas Keller", "jonas.keller@tresen.example", 0);
	int64_t miriam = user("Miriam Vogt", "miriam.vogt@tresen.example", 0);
	if (wohnbau < 0 || stadtwerke < 0 || anna < 0 || ben < 0 || carla < 0 || agent < 0 || admin < 0 || jonas < 0 ||
	    miriam < 0) {
		tr_db_rollback();
		return 1;
	}
	tr_db_run("UPDATE users SET is_main_contact = 1, is_info_recipient = 1 WHERE id = ?", "l", anna);
	tr_db_run("UPDATE users SET is_agent = 1 WHERE id = ?", "l", agent);
	tr_db_run("UPDATE users SET is_agent = 1, is_admin = 1 WHERE id = ?", "l", admin);
	tr_db_run("INSERT INTO staff_group_members (group_id, user_id) SELECT id, ? FROM staff_groups", "l", agent);
	tr_db_run("INSERT INTO staff_group_members (group_id, user_id) SELECT id, ? FROM staff_groups", "l", admin);
	tr_db_run("UPDATE users SET is_agent = 1 WHERE id IN (?, ?)", "ll", jonas, miriam);
	tr_db_run("INSERT INTO staff_group_members (group_id, user_id) SELECT id, ? FROM staff_groups "
		  "WHERE name IN ('ERP', 'Digitale Lösungen')", "l", jonas);
	tr_db_run("INSERT INTO staff_group_members (group_id, user_id) SELECT id, ? FROM staff_groups "
		  "WHERE name IN ('ERP', 'Rechenzentrum', 'Hilfe-Center')", "l", miriam);
	if (demo_tickets(agent) < 0 || demo_macros(agent) < 0 || demo_articles(admin) < 0 ||
	    demo_approvals(wohnbau, stadtwerke) < 0) {
		tr_db_rollback();
		return 1;
	}
	if (tr_db_commit() < 0 || tr_hc_index_pending(INT_MAX) < 0)
		return 1;
	printf("demo data loaded: 2 organizations, 9 users (password %s), %zu tickets, %zu articles\n", DEMO_PASSWORD,
	       TR_ARRAY_LEN(tickets) + 1, TR_ARRAY_LEN(articles));
	tr_db_disconnect();
	tr_pool_reset();
	return 0;
}
