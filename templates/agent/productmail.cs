<?cs # agent/productmail.cs - /agent/product-mails/ID: one product information mail as sent, and who got it in which language. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.ticket.breadcrumb ?>">
  <a href="<?cs var:Site.base ?>/agent/product-mails"><?cs var:L.pmail.title ?></a> <span aria-hidden="true">›</span> <span><?cs var:Page.title ?></span>
</nav>
<h1><?cs var:Page.title ?></h1>
<dl class="card pmail-facts">
  <dt><?cs var:L.pmail.products ?></dt><dd><?cs var:Mail.products ?></dd>
  <dt><?cs var:L.pmail.sent_at ?></dt><dd><time datetime="<?cs var:Mail.sent_iso ?>"><?cs var:Mail.sent ?></time><?cs if:Mail.author ?> · <?cs var:Mail.author ?><?cs /if ?></dd>
  <dt><?cs var:L.pmail.recipients ?></dt><dd><?cs var:Mail.recipients ?></dd>
  <?cs if:Mail.subject_de ?><dt><?cs var:L.pmail.lang.de ?></dt><dd><?cs var:Mail.subject_de ?></dd><?cs /if ?>
  <?cs if:Mail.subject_en ?><dt><?cs var:L.pmail.lang.en ?></dt><dd><?cs var:Mail.subject_en ?></dd><?cs /if ?>
</dl>
<section aria-labelledby="rcpt-title">
  <h2 id="rcpt-title"><?cs var:L.pmail.recipients ?></h2>
  <?cs if:subcount(Recipients) ?>
  <table class="table pmail-table">
    <thead><tr><th scope="col"><?cs var:L.pmail.name ?></th><th scope="col"><?cs var:L.pmail.email ?></th><th scope="col"><?cs var:L.pmail.org ?></th><th scope="col"><?cs var:L.pmail.language ?></th><th scope="col"><?cs var:L.pmail.delivery ?></th></tr></thead>
    <tbody>
    <?cs each:r = Recipients ?>
      <tr><td><?cs var:r.name ?></td><td><?cs var:r.email ?></td><td><?cs var:r.org ?></td><td><?cs var:L.pmail.lang[r.lang] ?></td><td><?cs var:L.pmail.status[r.status] ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?>
  <p class="card empty-state"><?cs var:L.pmail.no_recipients ?></p>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
