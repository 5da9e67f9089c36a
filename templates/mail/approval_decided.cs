<?cs # mail/approval_decided.cs - tells the requester how an approver decided on the request (R-APPR).
     Data: Mail.decision (approved, rejected), Mail.decider, Mail.phone, Mail.body (the comment), Mail.ticket_id,
     Mail.subject, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:intro() ?><?cs if:Mail.decider ?><?cs var:subst(L.mail.approval_decided.intro[Mail.decision], Mail.decider) ?><?cs else ?><?cs var:L.mail.approval_decided.intro_plain[Mail.decision] ?><?cs /if ?><?cs /def ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs var:L.mail.approval_decided.subject[Mail.decision] ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs call:intro() ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs if:Mail.body ?>

<?cs var:Mail.body ?>
<?cs /if ?>

<?cs var:L.mail.approval_decided.next[Mail.decision] ?>

<?cs var:L.mail.ticket_created.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<?cs if:Mail.body ?><div style="margin:0 0 20px;padding:12px 16px;border-left:3px solid #0f6b64;background-color:#f6f7f9;white-space:pre-wrap;"><?cs var:Mail.body ?></div><?cs /if ?>
<?cs call:small(L.mail.approval_decided.next[Mail.decision]) ?>
<?cs call:button(Mail.link, L.mail.ticket_created.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
