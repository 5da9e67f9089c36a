<?cs # mail/ticket_merged.cs - a request was merged into another one: where the conversation goes on.
     Data: Mail.ticket_id, Mail.subject (the merged request), Mail.target_id, Mail.target_subject, Mail.link (the target). ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs var:subst(L.mail.ticket_merged.subject, "#" + Mail.target_id) ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.ticket_merged.intro, "#" + Mail.ticket_id + " " + Mail.subject) ?>

#<?cs var:Mail.target_id ?> <?cs var:Mail.target_subject ?>

<?cs var:L.mail.ticket_merged.go_on ?>

<?cs var:L.mail.ticket_merged.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.ticket_merged.intro, "#" + Mail.ticket_id + " " + Mail.subject)) ?>
<p style="margin:0 0 12px;font-weight:600;">#<?cs var:Mail.target_id ?> <?cs var:Mail.target_subject ?></p>
<?cs call:p(L.mail.ticket_merged.go_on) ?>
<?cs call:button(Mail.link, L.mail.ticket_merged.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
