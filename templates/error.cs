<?cs # error.cs - one page for every error status; no internals, ever. ?>
<?cs def:content() ?>
<div class="error-page">
  <p class="error-code"><?cs var:L.error.code ?> <?cs var:Error.status ?></p>
  <h1><?cs var:Error.title ?></h1>
  <p class="lead"><?cs var:Error.text ?></p>
  <?cs if:Error.status == "404" ?>
  <form class="search-form" method="get" action="<?cs var:Site.base ?>/hc/search" role="search">
    <label class="visually-hidden" for="error-q"><?cs var:L.hc.search_title ?></label>
    <input id="error-q" type="search" name="q" placeholder="<?cs var:L.home.search_placeholder ?>" autocomplete="off">
    <button class="btn btn-primary" type="submit"><?cs var:L.hc.search ?></button>
  </form>
  <?cs /if ?>
  <p><a class="btn" href="<?cs var:Site.base ?>/"><?cs var:L.error.back_home ?></a></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
