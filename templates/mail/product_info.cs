<?cs # mail/product_info.cs - a product information mail to an information recipient (R-APPR), rendered once per
     language for all its recipients (lib/mail/productmail.c): no name in it, and Mail.unsubscribe is a
     placeholder each recipient's signed link replaces. Data: Mail.pm_subject, Mail.pm_text (Markdown as
     written), Mail.pm_html (cmark-gfm's HTML, raw HTML left out), Mail.unsubscribe. ?>
<?cs include:"mail/macros.cs" ?>
<?cs def:subject() ?><?cs var:Mail.pm_subject ?><?cs /def ?>
<?cs def:text() ?>
<?cs var:L.mail.greeting_plain ?>

<?cs var:Mail.pm_text ?>

--
<?cs var:L.mail.product_info.why ?>
<?cs var:L.mail.product_info.unsubscribe ?>: <?cs var:Mail.unsubscribe ?>
<?cs /def ?>
<?cs def:html() ?>
<?cs call:p(L.mail.greeting_plain) ?>
<div style="margin:0 0 20px;"><?cs uvar:Mail.pm_html ?></div><?cs # reviewed-exception: cmark-gfm output without raw HTML (CMARK_OPT_DEFAULT, no UNSAFE) ?>
<p style="margin:24px 0 0;font-size:13px;color:#6b7280;"><?cs var:L.mail.product_info.why ?> <a href="<?cs var:Mail.unsubscribe ?>" style="color:#6b7280;"><?cs var:L.mail.product_info.unsubscribe ?></a></p>
<?cs /def ?>
<?cs include:"mail/layout.cs" ?>
