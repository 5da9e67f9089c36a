<?cs # hc/parts.cs - blocks the help-centre pages share: the search field, an article list. ?>
<?cs def:hc_search(q) ?>
<form class="search-form hc-search" method="get" action="<?cs var:Site.base ?>/hc/search" role="search">
  <label class="visually-hidden" for="hc-q"><?cs var:L.hc.search ?></label>
  <input id="hc-q" type="search" name="q" value="<?cs var:q ?>" placeholder="<?cs var:L.home.search_placeholder ?>" autocomplete="off">
  <button class="btn btn-primary" type="submit"><?cs var:L.hc.search ?></button>
</form>
<?cs /def ?>
<?cs def:hc_items(list) ?>
<ul class="hc-articles">
<?cs each:a = list ?>
  <li>
    <a href="<?cs var:Site.base ?>/hc/articles/<?cs var:a.id ?>"><?cs var:a.title ?></a>
    <?cs if:a.draft == "1" ?> <span class="badge badge-draft"><?cs var:L.hc.draft ?></span><?cs /if ?>
    <?cs if:a.signed_in == "1" && Hc.staff ?> <span class="badge badge-signed-in"><?cs var:L.hc.signed_in_only ?></span><?cs /if ?>
    <?cs if:a.summary ?><p class="muted"><?cs var:a.summary ?></p><?cs /if ?>
  </li>
<?cs /each ?>
</ul>
<?cs /def ?>
