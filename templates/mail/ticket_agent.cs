<?cs # mail/ticket_agent.cs - tells the responsible agents what a customer did on a ticket.
     Data: Mail.event (created, customer_comment, follow_up, customer_solved), Mail.ticket_id,
     Mail.subject, Mail.status, Mail.requester, Mail.org, Mail.urgent, Mail.body, Mail.link. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?>[#<?cs var:Mail.ticket_id ?>] <?cs var:L.mail.ticket_agent.subject[Mail.event] ?>: <?cs var:Mail.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.ticket_agent.intro[Mail.event], Mail.requester) ?>

#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?>
<?cs var:L.mail.ticket_agent.status ?>: <?cs var:L.status[Mail.status] ?><?cs if:Mail.org ?> · <?cs var:Mail.org ?><?cs /if ?><?cs if:Mail.urgent ?> · <?cs var:L.mail.ticket_agent.urgent ?><?cs /if ?>
<?cs if:Mail.body ?>

<?cs var:Mail.body ?>
<?cs /if ?>

<?cs var:L.mail.ticket_agent.open ?>: <?cs var:Mail.link ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.ticket_agent.intro[Mail.event], Mail.requester)) ?>
<p style="margin:0 0 6px;font-weight:600;">#<?cs var:Mail.ticket_id ?> <?cs var:Mail.subject ?></p>
<?cs call:small(L.mail.ticket_agent.status + ": " + L.status[Mail.status]) ?>
<?cs if:Mail.urgent ?><?cs call:small(L.mail.ticket_agent.urgent) ?><?cs /if ?>
<?cs if:Mail.body ?><div style="margin:0 0 20px;padding:12px 16px;border-left:3px solid #0f6b64;background-color:#f6f7f9;white-space:pre-wrap;"><?cs var:Mail.body ?></div><?cs /if ?>
<?cs call:button(Mail.link, L.mail.ticket_agent.open) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
