<?cs # mail/reset.cs - the link that sets a new password (R-ACC 5). Data: Mail.link, Mail.minutes. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.reset.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:L.mail.reset.intro ?>

<?cs var:L.mail.reset.button ?>:
<?cs var:Mail.link ?>

<?cs var:subst(L.mail.reset.valid, Mail.minutes) ?>

<?cs var:L.mail.reset.ignore ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(L.mail.reset.intro) ?>
<?cs call:button(Mail.link, L.mail.reset.button) ?>
<?cs call:small(subst(L.mail.reset.valid, Mail.minutes)) ?>
<?cs call:small(L.mail.reset.ignore) ?>
<?cs call:link_hint(Mail.link) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
