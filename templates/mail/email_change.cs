<?cs # mail/email_change.cs - to the new address: the link that makes it the account's. Data: Mail.link, Mail.hours, Mail.new_email. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.email_change.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.email_change.intro, Mail.new_email) ?>

<?cs var:L.mail.email_change.button ?>:
<?cs var:Mail.link ?>

<?cs var:subst(L.mail.email_change.valid, Mail.hours) ?>

<?cs var:L.mail.email_change.ignore ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.email_change.intro, Mail.new_email)) ?>
<?cs call:button(Mail.link, L.mail.email_change.button) ?>
<?cs call:small(subst(L.mail.email_change.valid, Mail.hours)) ?>
<?cs call:small(L.mail.email_change.ignore) ?>
<?cs call:link_hint(Mail.link) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
