<?cs # mail/email_changed.cs - to the old address: the change happened, and the link that takes it back. Data: Mail.link, Mail.hours, Mail.old_email, Mail.new_email. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.email_changed.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.email_changed.intro, Mail.new_email) ?>

<?cs var:L.mail.email_changed.not_you ?>
<?cs var:Mail.link ?>

<?cs var:subst(L.mail.email_changed.valid, Mail.hours) ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.email_changed.intro, Mail.new_email)) ?>
<?cs call:p(L.mail.email_changed.not_you) ?>
<?cs call:button(Mail.link, L.mail.email_changed.button) ?>
<?cs call:small(subst(L.mail.email_changed.valid, Mail.hours)) ?>
<?cs call:link_hint(Mail.link) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
