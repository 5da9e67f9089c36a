<?cs # mail/ticket_solved.cs - the solution: the request is solved, with the agent's last words (R-LIFE, R-CSAT 1).
     Data: Mail.ticket_id, Mail.subject, Mail.assignee, Mail.body (may be empty), Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs var:L.mail.ticket_solved.subject ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.ticket_solved.intro, "#" + Mail.ticket_id) ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs if:Mail.body ?>

<?cs var:Mail.body ?>
<?cs /if ?>

<?cs var:L.mail.ticket_solved.not_solved ?>

<?cs var:L.mail.ticket_solved.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.ticket_solved.intro, "#" + Mail.ticket_id)) ?>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<?cs if:Mail.body ?><div style="margin:0 0 20px;padding:12px 16px;border-left:3px solid #067647;background-color:#f6f7f9;white-space:pre-wrap;"><?cs var:Mail.body ?></div><?cs /if ?>
<?cs call:p(L.mail.ticket_solved.not_solved) ?>
<?cs call:button(Mail.link, L.mail.ticket_solved.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
