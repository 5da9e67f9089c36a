<?cs # mail/macros.cs - building blocks for mail templates: greeting, paragraphs, the button. ?>
<?cs def:greeting_text() ?><?cs if:Mail.to_name ?><?cs var:subst(L.mail.greeting, Mail.to_name) ?><?cs else ?><?cs var:L.mail.greeting_plain ?><?cs /if ?><?cs /def ?>
<?cs def:greeting() ?><p style="margin:0 0 16px;"><?cs call:greeting_text() ?></p><?cs /def ?>
<?cs def:p(text) ?><p style="margin:0 0 16px;"><?cs var:text ?></p><?cs /def ?>
<?cs def:small(text) ?><p style="margin:0 0 12px;font-size:14px;color:#4b5563;"><?cs var:text ?></p><?cs /def ?>
<?cs def:button(url, label) ?><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 22px;"><tr><td style="border-radius:8px;background-color:#0f6b64;"><a href="<?cs var:url ?>" style="display:inline-block;padding:12px 22px;font-weight:600;font-size:16px;color:#ffffff;text-decoration:none;border-radius:8px;"><?cs var:label ?></a></td></tr></table><?cs /def ?>
<?cs def:link_hint(url) ?><p style="margin:0 0 16px;font-size:13px;color:#6b7280;"><?cs var:L.mail.link_hint ?><br><a href="<?cs var:url ?>" style="color:#0f6b64;word-break:break-all;"><?cs var:url ?></a></p><?cs /def ?>
