<?cs # mail/layout.cs - the frame of every mail. A mail template (mail/<kind>.cs) defines subject(),
     text() and html() and includes this file last; lib/mail.c renders it once per part (Mail.part):
     subject and text without escaping (they are not HTML), html with it. Mail HTML keeps its
     styles inline and loads nothing from outside. A ticket mail (Mail.reply_marker) opens with the
     reply marker: the mail intake keeps what a reply has above it and cuts the quoted rest. The solution
     mail carries the survey link (Mail.survey_link) under the signature (R-CSAT 1). ?><?cs
if:Mail.part == "subject" ?><?cs call:subject() ?><?cs
elif:Mail.part == "text" ?><?cs if:Mail.reply_marker ?><?cs var:L.mail.reply_marker ?>

<?cs /if ?><?cs call:text() ?>

<?cs var:L.mail.signoff ?>
<?cs var:L.mail.team ?>
<?cs if:Mail.survey_link ?>

<?cs var:L.mail.survey.question ?>
<?cs var:L.mail.survey.rate ?>: <?cs var:Mail.survey_link ?>
<?cs /if ?>

<?cs var:subst(L.mail.footer, Site.name) ?>
<?cs var:Mail.site_url ?>
<?cs else ?><!doctype html>
<html lang="<?cs var:Mail.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title><?cs call:subject() ?></title>
</head>
<body style="margin:0;padding:0;background-color:#f6f7f9;">
<?cs if:Mail.reply_marker ?><div style="padding:8px 16px 0;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:12px;color:#6b7280;"><?cs var:L.mail.reply_marker ?></div>
<?cs /if ?><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f7f9;">
<tr><td align="center" style="padding:32px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;">
<tr><td style="padding:0 4px 16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:17px;font-weight:700;color:#1d2327;">
<span style="display:inline-block;width:22px;height:22px;border-radius:6px;background-color:#0f6b64;vertical-align:-5px;margin-right:8px;"></span><?cs var:Site.name ?>
</td></tr>
<tr><td style="background-color:#ffffff;border:1px solid #e3e6ea;border-radius:10px;padding:30px 32px 26px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.55;color:#1d2327;">
<?cs call:html() ?>
<p style="margin:24px 0 0;"><?cs var:L.mail.signoff ?><br><?cs var:L.mail.team ?></p>
<?cs if:Mail.survey_link ?><p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e3e6ea;font-size:15px;"><?cs var:L.mail.survey.question ?><br><a href="<?cs var:Mail.survey_link ?>" style="color:#0f6b64;font-weight:600;"><?cs var:L.mail.survey.rate ?></a></p>
<?cs /if ?></td></tr>
<tr><td style="padding:16px 4px 0;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:13px;line-height:1.5;color:#6b7280;">
<?cs var:subst(L.mail.footer, Site.name) ?><br>
<a href="<?cs var:Mail.site_url ?>" style="color:#6b7280;"><?cs var:Mail.site_url ?></a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
<?cs /if ?>
