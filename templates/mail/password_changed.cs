<?cs # mail/password_changed.cs - tells the owner that the password was just set anew. Data: Mail.email, Mail.forgot. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.password_changed.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.password_changed.intro, Mail.email) ?>

<?cs var:L.mail.password_changed.not_you ?>
<?cs var:Mail.forgot ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.password_changed.intro, Mail.email)) ?>
<?cs call:p(L.mail.password_changed.not_you) ?>
<?cs call:button(Mail.forgot, L.mail.password_changed.button) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
