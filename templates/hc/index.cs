<?cs # hc/index.cs - /hc: search, notices, categories with their sections, promoted articles. ?>
<?cs include:"macros.cs" ?>
<?cs include:"hc/parts.cs" ?>
<?cs def:content() ?>
<section class="hero hc-hero">
  <h1><?cs var:L.hc.title ?></h1>
  <?cs call:hc_search("") ?>
</section>
<?cs if:Hc.staff ?><p class="hc-staff-actions"><a class="btn" href="<?cs var:Site.base ?>/hc/articles/new"><?cs var:L.hc.edit.new ?></a></p><?cs /if ?>
<?cs if:subcount(Hc.notices) ?>
<section class="notices" aria-labelledby="hc-notices">
  <h2 id="hc-notices"><?cs var:L.home.notices ?></h2>
  <div class="notice-list">
  <?cs each:n = Hc.notices ?>
    <article class="card notice-card">
      <h3><a href="<?cs var:Site.base ?>/hc/articles/<?cs var:n.id ?>"><?cs var:n.title ?></a></h3>
      <p class="meta"><time datetime="<?cs var:n.updated_iso ?>"><?cs var:n.updated ?></time></p>
      <p><?cs var:n.summary ?></p>
    </article>
  <?cs /each ?>
  </div>
</section>
<?cs /if ?>
<?cs if:subcount(Hc.promoted) ?>
<section class="hc-promoted" aria-labelledby="hc-promoted">
  <h2 id="hc-promoted"><?cs var:L.hc.promoted ?></h2>
  <?cs call:hc_items(Hc.promoted) ?>
</section>
<?cs /if ?>
<section aria-labelledby="hc-cats">
  <h2 id="hc-cats"><?cs var:L.hc.categories ?></h2>
  <div class="hc-categories">
  <?cs each:c = Hc.categories ?>
    <div class="card hc-category">
      <h3><?cs var:c.name ?></h3>
      <?cs if:c.description ?><p class="muted"><?cs var:c.description ?></p><?cs /if ?>
      <ul class="hc-section-links">
      <?cs each:s = c.sections ?>
        <li><a href="<?cs var:Site.base ?>/hc/sections/<?cs var:s.id ?>"><?cs var:s.name ?></a> <span class="muted">(<?cs var:s.articles ?>)</span></li>
      <?cs /each ?>
      </ul>
    </div>
  <?cs /each ?>
  </div>
  <?cs if:!User.id ?><p class="muted hc-sign-in-hint"><a href="<?cs var:Site.base ?>/login?next=/hc"><?cs var:L.nav.login ?></a> – <?cs var:L.hc.sign_in_more ?></p><?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
