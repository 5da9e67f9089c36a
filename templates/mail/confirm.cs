<?cs # mail/confirm.cs - the link that completes a registration (R-ACC 4). Data: Mail.link, Mail.hours, Mail.org. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:L.mail.confirm.subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs var:L.mail.confirm.intro ?>
<?cs if:Mail.org ?>
<?cs var:subst(L.mail.confirm.org, Mail.org) ?>
<?cs /if ?>

<?cs var:L.mail.confirm.button ?>:
<?cs var:Mail.link ?>

<?cs var:subst(L.mail.confirm.valid, Mail.hours) ?>

<?cs var:L.mail.confirm.ignore ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<?cs call:p(L.mail.confirm.intro) ?>
<?cs if:Mail.org ?><?cs call:p(subst(L.mail.confirm.org, Mail.org)) ?><?cs /if ?>
<?cs call:button(Mail.link, L.mail.confirm.button) ?>
<?cs call:small(subst(L.mail.confirm.valid, Mail.hours)) ?>
<?cs call:small(L.mail.confirm.ignore) ?>
<?cs call:link_hint(Mail.link) ?>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
