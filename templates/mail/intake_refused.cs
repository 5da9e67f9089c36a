<?cs # mail/intake_refused.cs - the polite answer to a mail the intake could not take (at most one a day
     per sender, Intake.bounce): why, and where to write instead. Never sent for automatic mail.
     Data: Mail.reason (no_match, stranger, forged_token, unknown_ticket, no_right, closed_ticket, awaiting_approval,
     too_large, malformed, empty), Mail.subject (of the mail answered), Mail.portal, Mail.new_request. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:why() ?><?cs if:L.mail.intake_refused.why[Mail.reason] ?><?cs var:L.mail.intake_refused.why[Mail.reason] ?><?cs else ?><?cs var:L.mail.intake_refused.why.other ?><?cs /if ?><?cs /def ?>
<?cs def:subject() ?><?cs var:L.mail.intake_refused.subject ?><?cs if:Mail.subject ?>: <?cs var:Mail.subject ?><?cs /if ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:L.mail.intake_refused.intro ?>

<?cs call:why() ?>

<?cs var:L.mail.intake_refused.portal ?>: <?cs var:Mail.portal ?>
<?cs var:L.mail.intake_refused.new_request ?>: <?cs var:Mail.new_request ?>

<?cs var:L.mail.intake_refused.once ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(L.mail.intake_refused.intro) ?>
<p style="margin:0 0 16px;"><?cs call:why() ?></p>
<?cs call:button(Mail.portal, L.mail.intake_refused.portal) ?>
<?cs call:small(L.mail.intake_refused.once) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
