<?cs # home.cs - the front page: search, entry points, notices. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<section class="hero">
  <h1><?cs var:L.home.hero ?></h1>
  <form class="search-form" method="get" action="<?cs var:Site.base ?>/hc/search" role="search">
    <label class="visually-hidden" for="home-q"><?cs var:L.home.search ?></label>
    <input id="home-q" type="search" name="q" placeholder="<?cs var:L.home.search_placeholder ?>" autocomplete="off">
    <button class="btn btn-primary" type="submit"><?cs var:L.home.search ?></button>
  </form>
</section>
<?cs if:User.id && !User.confirmed ?>
<div class="alert alert-warn alert-action" role="status">
  <p><?cs var:L.home.unconfirmed ?></p>
  <?cs call:resend_form("/", "btn btn-warn") ?>
</div>
<?cs /if ?>
<section class="cards" aria-label="<?cs var:L.home.entry_points ?>">
  <a class="card card-link" href="<?cs var:Site.base ?>/hc">
    <span class="card-icon icon-book" aria-hidden="true"></span>
    <h2><?cs var:L.home.card_help ?></h2>
    <p><?cs var:L.home.card_help_text ?></p>
  </a>
  <a class="card card-link" href="<?cs var:Site.base ?>/requests/new">
    <span class="card-icon icon-plus" aria-hidden="true"></span>
    <h2><?cs var:L.home.card_new ?></h2>
    <p><?cs var:L.home.card_new_text ?></p>
  </a>
  <a class="card card-link" href="<?cs var:Site.base ?>/requests">
    <span class="card-icon icon-list" aria-hidden="true"></span>
    <h2><?cs var:L.home.card_requests ?></h2>
    <p><?cs var:L.home.card_requests_text ?></p>
  </a>
</section>
<section class="notices">
  <h2><?cs var:L.home.notices ?></h2>
  <?cs if:subcount(Notices) ?>
  <div class="notice-list">
  <?cs each:n = Notices ?>
    <article class="card notice-card">
      <h3><a href="<?cs var:Site.base ?>/hc/articles/<?cs var:n.id ?>"><?cs var:n.title ?></a></h3>
      <p class="meta"><time datetime="<?cs var:n.updated_iso ?>"><?cs var:n.updated ?></time></p>
      <p><?cs var:n.summary ?></p>
    </article>
  <?cs /each ?>
  </div>
  <?cs else ?>
  <p class="muted"><?cs var:L.home.no_notices ?></p>
  <?cs /if ?>
</section>
<?cs if:subcount(Hc.categories) ?>
<section class="hc-home">
  <h2><?cs var:L.hc.categories ?></h2>
  <div class="hc-categories">
  <?cs each:c = Hc.categories ?>
    <div class="card hc-category">
      <h3><?cs var:c.name ?></h3>
      <ul class="hc-section-links">
      <?cs each:s = c.sections ?><li><a href="<?cs var:Site.base ?>/hc/sections/<?cs var:s.id ?>"><?cs var:s.name ?></a></li><?cs /each ?>
      </ul>
    </div>
  <?cs /each ?>
  </div>
</section>
<?cs /if ?>
<section class="cta card">
  <div>
    <h2><?cs var:L.home.cta_title ?></h2>
    <p><?cs var:L.home.cta_text ?></p>
  </div>
  <a class="btn btn-primary" href="<?cs var:Site.base ?>/requests/new"><?cs var:L.home.cta_button ?></a>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
