<?cs # mail/ticket_reminder.cs - the automations' reminder of a Pending ticket (R-LIFE): the first one
     says when the ticket closes without an answer (Mail.close_date), the second that it is closed now.
     Data: Mail.stage (1, 2), Mail.close_date, Mail.ticket_id, Mail.subject, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs if:Mail.stage == "2" ?><?cs var:L.mail.ticket_reminder.subject_closed ?><?cs else ?><?cs var:L.mail.ticket_reminder.subject ?><?cs /if ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:intro() ?><?cs if:Mail.stage == "2" ?><?cs var:subst(L.mail.ticket_reminder.closed, "#" + Mail.ticket_id) ?><?cs else ?><?cs var:subst(L.mail.ticket_reminder.intro, "#" + Mail.ticket_id) ?><?cs /if ?><?cs /def ?>
<?cs def:next() ?><?cs if:Mail.stage == "2" ?><?cs var:L.mail.ticket_reminder.follow_up ?><?cs else ?><?cs var:subst(L.mail.ticket_reminder.close_on, Mail.close_date) ?><?cs /if ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs call:intro() ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>

<?cs call:next() ?>

<?cs var:L.mail.ticket_reminder.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<p style="margin:0 0 16px;"><?cs call:next() ?></p>
<?cs call:button(Mail.link, L.mail.ticket_reminder.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
