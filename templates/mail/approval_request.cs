<?cs # mail/approval_request.cs - asks an approver of the customer's organization to decide on a request (R-APPR),
     and reminds (Mail.reminder). Data: Mail.ticket_id, Mail.subject, Mail.requester, Mail.type, Mail.role, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:intro() ?><?cs var:subst(L.mail.approval_request.intro, Mail.requester) ?><?cs /def ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs if:Mail.reminder ?><?cs var:L.mail.approval_request.subject_reminder ?><?cs else ?><?cs var:L.mail.approval_request.subject ?><?cs /if ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs if:Mail.reminder ?><?cs var:L.mail.approval_request.reminder ?>

<?cs /if ?><?cs call:intro() ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs var:L.type[Mail.type] ?> · <?cs var:L.approvals.role_needed[Mail.role] ?>

<?cs var:L.mail.approval_request.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs if:Mail.reminder ?><?cs call:p(L.mail.approval_request.reminder) ?><?cs /if ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<?cs call:small(L.type[Mail.type] + " · " + L.approvals.role_needed[Mail.role]) ?>
<?cs call:button(Mail.link, L.mail.approval_request.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
