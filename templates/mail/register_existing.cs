<?cs # mail/register_existing.cs - someone registered with an address that has an account (R-ACC 6).
     Data: Mail.email, Mail.login, Mail.forgot. Nothing the stranger typed appears in it. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.register_existing.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:subst(L.mail.register_existing.intro, Mail.email) ?>

<?cs var:L.mail.register_existing.you ?>
<?cs var:L.mail.register_existing.login ?>: <?cs var:Mail.login ?>
<?cs var:L.mail.register_existing.forgot ?>: <?cs var:Mail.forgot ?>

<?cs var:L.mail.register_existing.not_you ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(subst(L.mail.register_existing.intro, Mail.email)) ?>
<?cs call:p(L.mail.register_existing.you) ?>
<?cs call:button(Mail.login, L.mail.register_existing.login) ?>
<p style="margin:0 0 16px;"><a href="<?cs var:Mail.forgot ?>" style="color:#0f6b64;"><?cs var:L.mail.register_existing.forgot ?></a></p>
<?cs call:small(L.mail.register_existing.not_you) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
