<?cs # mail/ticket_reply.cs - an agent's public reply, to the requester and everyone in CC; answering
     the mail comments on the ticket (R-MAIL 1, 3). Data: Mail.cc (1 for a CC), Mail.author, Mail.requester,
     Mail.ticket_id, Mail.subject, Mail.status, Mail.body, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs var:L.mail.ticket_reply.subject ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:intro() ?><?cs if:Mail.cc == "1" ?><?cs var:subst(L.mail.ticket_reply.intro_cc, Mail.requester) ?><?cs else ?><?cs var:subst(L.mail.ticket_reply.intro, Mail.author) ?><?cs /if ?><?cs /def ?>
<?cs def:next_step() ?><?cs if:Mail.status == "pending" ?><?cs var:L.mail.ticket_reply.waiting ?><?cs else ?><?cs var:L.mail.ticket_reply.answer ?><?cs /if ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs call:intro() ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs var:L.mail.ticket_reply.status ?>: <?cs var:L.status[Mail.status] ?>
<?cs if:Mail.body ?>

<?cs var:Mail.body ?>
<?cs /if ?>

<?cs call:next_step() ?>

<?cs var:L.mail.ticket_reply.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<?cs call:small(L.mail.ticket_reply.status + ": " + L.status[Mail.status]) ?>
<?cs if:Mail.body ?><div style="margin:0 0 20px;padding:12px 16px;border-left:3px solid #0f6b64;background-color:#f6f7f9;white-space:pre-wrap;"><?cs var:Mail.body ?></div><?cs /if ?>
<p style="margin:0 0 16px;"><?cs call:next_step() ?></p>
<?cs call:button(Mail.link, L.mail.ticket_reply.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
