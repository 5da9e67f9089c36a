<?cs # hc/search.cs - /hc/search: the search field, result count, section filter, highlighted results, pager. ?>
<?cs include:"macros.cs" ?>
<?cs include:"hc/parts.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.hc.breadcrumbs ?>"><a href="<?cs var:Site.base ?>/hc"><?cs var:L.hc.title ?></a></nav>
<h1><?cs var:L.hc.search_title ?></h1>
<?cs call:hc_search(Search.q) ?>
<?cs if:Search.done ?>
<p class="hc-count" role="status"><?cs var:Search.count_text ?></p>
<div class="hc-layout">
<div class="hc-results">
<?cs if:subcount(Search.hits) ?>
<ol class="hc-hits">
<?cs each:h = Search.hits ?>
  <li class="card hc-hit">
    <?cs # reviewed-exception: title_html and snippet_html are escaped by tr_hc_mark, then only <mark> added ?>
    <h2 class="h-small"><a href="<?cs var:Site.base ?>/hc/articles/<?cs var:h.id ?>"><?cs uvar:h.title_html ?></a></h2><?cs # reviewed-exception: escaped by tr_hc_mark ?>
    <p class="meta"><?cs var:h.section ?></p>
    <p><?cs uvar:h.snippet_html ?></p><?cs # reviewed-exception: escaped by tr_hc_mark ?>
  </li>
<?cs /each ?>
</ol>
<?cs else ?>
<p class="muted"><?cs var:L.hc.no_results ?></p>
<?cs /if ?>
<?cs if:List.prev || List.next ?>
<nav class="pager" aria-label="<?cs var:L.requests.pages ?>">
  <?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.requests.prev ?></a><?cs else ?><span></span><?cs /if ?>
  <span class="muted"><?cs var:L.requests.page ?> <?cs var:List.page ?></span>
  <?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.requests.next ?> →</a><?cs else ?><span></span><?cs /if ?>
</nav>
<?cs /if ?>
</div>
<?cs if:subcount(Search.facets) ?>
<aside class="hc-sidebar card" aria-labelledby="hc-facets">
  <h2 id="hc-facets" class="h-small"><?cs var:L.hc.filter_section ?></h2>
  <ul class="hc-facets">
    <li><?cs if:Search.section == "0" ?><strong><?cs var:L.hc.all_sections ?></strong><?cs else ?><a href="<?cs var:Search.all_url ?>"><?cs var:L.hc.all_sections ?></a><?cs /if ?></li>
    <?cs each:f = Search.facets ?>
    <li><?cs if:Search.section == f.id ?><strong aria-current="true"><?cs var:f.name ?></strong><?cs else ?><a href="<?cs var:f.url ?>"><?cs var:f.name ?></a><?cs /if ?><?cs if:f.count ?> <span class="muted">(<?cs var:f.count ?>)</span><?cs /if ?></li>
    <?cs /each ?>
  </ul>
</aside>
<?cs /if ?>
</div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
