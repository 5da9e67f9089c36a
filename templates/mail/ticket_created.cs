<?cs # mail/ticket_created.cs - confirms a new request to its requester, and tells each colleague put in CC (R-MAIL 1).
     Data: Mail.cc (1 for a CC), Mail.ticket_id, Mail.subject, Mail.requester, Mail.type, Mail.priority,
     Mail.urgent, Mail.status, Mail.assignee, Mail.body, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:intro() ?><?cs if:Mail.cc ?><?cs var:subst(L.mail.ticket_created.intro_cc, Mail.requester) ?><?cs else ?><?cs var:subst(L.mail.ticket_created.intro, "#" + Mail.ticket_id) ?><?cs /if ?><?cs /def ?>
<?cs def:state() ?><?cs if:Mail.assignee ?><?cs var:subst(L.mail.ticket_created.assigned, Mail.assignee) ?><?cs else ?><?cs var:L.mail.ticket_created.waiting ?><?cs /if ?><?cs /def ?>
<?cs def:facts() ?><?cs var:L.mail.ticket_created.type ?>: <?cs var:L.type[Mail.type] ?> · <?cs var:L.mail.ticket_created.priority ?>: <?cs var:L.priority[Mail.priority] ?><?cs /def ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs if:Mail.cc ?><?cs var:L.mail.ticket_created.subject_cc ?><?cs else ?><?cs var:L.mail.ticket_created.subject ?><?cs /if ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs call:intro() ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs call:facts() ?>
<?cs if:Mail.urgent ?><?cs var:L.mail.ticket_created.urgent ?>
<?cs /if ?><?cs call:state() ?>
<?cs if:Mail.body ?>

<?cs var:Mail.body ?>
<?cs /if ?>

<?cs var:L.mail.ticket_created.open ?>: <?cs var:Mail.link ?>

<?cs var:L.mail.ticket_created.write_in ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<p style="margin:0 0 12px;font-size:14px;color:#4b5563;"><?cs call:facts() ?></p>
<?cs if:Mail.urgent ?><?cs call:small(L.mail.ticket_created.urgent) ?><?cs /if ?>
<p style="margin:0 0 12px;font-size:14px;color:#4b5563;"><?cs call:state() ?></p>
<?cs if:Mail.body ?><div style="margin:0 0 20px;padding:12px 16px;border-left:3px solid #0f6b64;background-color:#f6f7f9;white-space:pre-wrap;"><?cs var:Mail.body ?></div><?cs /if ?>
<?cs call:button(Mail.link, L.mail.ticket_created.open) ?>
<?cs call:small(L.mail.ticket_created.write_in) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
