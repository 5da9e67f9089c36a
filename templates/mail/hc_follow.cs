<?cs # mail/hc_follow.cs - a followed section has a new article, or a followed article a new comment or an update (R-HC 2).
     Data: Mail.what (new_article, new_comment, updated), Mail.title, Mail.section, Mail.link, Mail.unfollow, Mail.kind. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:intro() ?><?cs if:Mail.what == "new_article" ?><?cs var:subst(L.mail.hc_follow.new_article, Mail.section) ?><?cs elif:Mail.what == "new_comment" ?><?cs var:L.mail.hc_follow.new_comment ?><?cs else ?><?cs var:L.mail.hc_follow.updated ?><?cs /if ?><?cs /def ?>
<?cs def:subject() ?><?cs if:Mail.what == "new_article" ?><?cs var:L.mail.hc_follow.subject_new ?><?cs elif:Mail.what == "new_comment" ?><?cs var:L.mail.hc_follow.subject_comment ?><?cs else ?><?cs var:L.mail.hc_follow.subject_updated ?><?cs /if ?>: <?cs var:Mail.title ?><?cs /def ?>
<?cs def:text() ?>
<?cs call:greeting_text() ?>

<?cs call:intro() ?>

<?cs var:Mail.title ?>

<?cs var:L.mail.hc_follow.open ?>: <?cs var:Mail.link ?>

<?cs var:L.mail.hc_follow.unfollow ?>: <?cs var:Mail.unfollow ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:greeting() ?>
<p style="margin:0 0 16px;"><?cs call:intro() ?></p>
<p style="margin:0 0 16px;font-weight:600;"><?cs var:Mail.title ?></p>
<?cs call:button(Mail.link, L.mail.hc_follow.open) ?>
<p style="margin:16px 0 0;font-size:13px;"><a href="<?cs var:Mail.unfollow ?>"><?cs var:L.mail.hc_follow.unfollow ?></a></p>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
