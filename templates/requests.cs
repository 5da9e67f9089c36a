<?cs # requests.cs - "Anfragen": tabs, search and filters, the table with chosen columns, pages. ?>
<?cs include:"macros.cs" ?>
<?cs # a column header; created, updated (and id: the order of creation) sort the list ?>
<?cs def:col_head(name) ?><?cs if:Columns[name] ?><th scope="col" class="col-<?cs var:name ?>"<?cs if:Sort[name].dir ?> aria-sort="<?cs var:Sort[name].dir ?>"<?cs /if ?>><?cs if:Sort[name].url ?><a class="sort-link" href="<?cs var:Site.base ?><?cs var:Sort[name].url ?>"><?cs var:L.requests.col[name] ?><span class="arrow" aria-hidden="true"><?cs if:Sort[name].dir == "ascending" ?>↑<?cs elif:Sort[name].dir == "descending" ?>↓<?cs else ?>↕<?cs /if ?></span><span class="visually-hidden"> <?cs if:Sort[name].dir == "descending" ?><?cs var:L.requests.sort_oldest ?><?cs else ?><?cs var:L.requests.sort_newest ?><?cs /if ?></span></a><?cs else ?><?cs var:L.requests.col[name] ?><?cs /if ?></th><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:L.requests.title ?></h1>
  <a class="btn btn-primary" href="<?cs var:Site.base ?>/requests/new"><?cs var:L.nav.new_request ?></a>
</div>
<nav class="tabs" aria-label="<?cs var:L.requests.tabs ?>">
  <a href="<?cs var:Site.base ?><?cs var:Tabs.mine.url ?>"<?cs if:List.scope == "mine" ?> aria-current="page"<?cs /if ?>><?cs var:L.requests.tab.mine ?> <span class="count"><?cs var:Tabs.mine.count ?></span></a>
  <a href="<?cs var:Site.base ?><?cs var:Tabs.cc.url ?>"<?cs if:List.scope == "cc" ?> aria-current="page"<?cs /if ?>><?cs var:L.requests.tab.cc ?> <span class="count"><?cs var:Tabs.cc.count ?></span></a>
  <?cs if:Tabs.org.count >= 0 ?>
  <a href="<?cs var:Site.base ?><?cs var:Tabs.org.url ?>"<?cs if:List.scope == "org" ?> aria-current="page"<?cs /if ?>><?cs var:L.requests.tab.org ?> <span class="count"><?cs var:Tabs.org.count ?></span></a>
  <?cs /if ?>
</nav>

<form class="filters" method="get" action="<?cs var:Site.base ?>/requests" role="search">
  <?cs if:List.scope != "mine" ?><input type="hidden" name="scope" value="<?cs var:List.scope ?>"><?cs /if ?>
  <div class="filter-search">
    <label class="visually-hidden" for="f-q"><?cs var:L.requests.search ?></label>
    <input id="f-q" type="search" name="q" value="<?cs var:Form.q ?>" placeholder="<?cs var:L.requests.search_placeholder ?>">
  </div>
  <div class="filter-row">
    <label><span><?cs var:L.requests.status ?></span>
      <select name="status">
        <option value=""><?cs var:L.requests.any ?></option>
        <?cs each:s = L.status ?><option value="<?cs var:name(s) ?>"<?cs if:Form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
      </select>
    </label>
    <label><span><?cs var:L.requests.type ?></span>
      <select name="type">
        <option value=""><?cs var:L.requests.any ?></option>
        <?cs each:s = L.type ?><option value="<?cs var:name(s) ?>"<?cs if:Form.type == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
      </select>
    </label>
    <label><span><?cs var:L.requests.from ?></span><input type="date" name="from" value="<?cs var:Form.from ?>"></label>
    <label><span><?cs var:L.requests.to ?></span><input type="date" name="to" value="<?cs var:Form.to ?>"></label>
    <label><span><?cs var:L.requests.sort ?></span>
      <select name="sort">
        <?cs each:s = L.requests.sorts ?><option value="<?cs var:name(s) ?>"<?cs if:Form.sort == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
      </select>
    </label>
    <div class="filter-actions">
      <button class="btn btn-primary" type="submit"><?cs var:L.requests.apply ?></button>
      <?cs if:List.filtered ?><a class="btn" href="<?cs var:Site.base ?><?cs var:List.reset ?>"><?cs var:L.requests.reset ?></a><?cs /if ?>
    </div>
  </div>
</form>

<div class="list-head">
  <p class="muted" role="status"><?cs if:List.filtered ?><?cs var:L.requests.results ?><?cs /if ?> <?cs include:"search_found.cs" ?></p>
  <details class="column-menu">
    <summary aria-label="<?cs var:L.requests.columns ?>" title="<?cs var:L.requests.columns ?>"><span class="dots" aria-hidden="true">⋮</span></summary>
    <form method="post" action="<?cs var:Site.base ?>/requests" class="menu-panel column-form">
      <?cs call:csrf_field() ?>
      <p class="menu-title"><?cs var:L.requests.columns ?></p>
      <?cs each:c = ColumnList ?>
      <label class="check"><input type="checkbox" name="cols" value="<?cs var:c ?>"<?cs if:Columns[c] ?> checked<?cs /if ?><?cs if:c == "subject" ?> disabled<?cs /if ?>> <?cs var:L.requests.col[c] ?></label>
      <?cs /each ?>
      <?cs if:Form.q ?><input type="hidden" name="q" value="<?cs var:Form.q ?>"><?cs /if ?>
      <?cs if:Form.status ?><input type="hidden" name="status" value="<?cs var:Form.status ?>"><?cs /if ?>
      <?cs if:Form.type ?><input type="hidden" name="type" value="<?cs var:Form.type ?>"><?cs /if ?>
      <?cs if:Form.from ?><input type="hidden" name="from" value="<?cs var:Form.from ?>"><?cs /if ?>
      <?cs if:Form.to ?><input type="hidden" name="to" value="<?cs var:Form.to ?>"><?cs /if ?>
      <?cs if:Form.sort ?><input type="hidden" name="sort" value="<?cs var:Form.sort ?>"><?cs /if ?>
      <?cs if:List.scope != "mine" ?><input type="hidden" name="scope" value="<?cs var:List.scope ?>"><?cs /if ?>
      <button class="btn btn-primary btn-small-plain" type="submit"><?cs var:L.requests.save_columns ?></button>
    </form>
  </details>
</div>

<?cs if:subcount(Tickets) ?>
<div class="table-wrap">
<table class="tickets">
  <thead><tr>
    <?cs call:col_head("id") ?><?cs call:col_head("subject") ?><?cs call:col_head("status") ?><?cs call:col_head("type") ?><?cs call:col_head("product") ?><?cs call:col_head("priority") ?><?cs call:col_head("requester") ?><?cs call:col_head("assignee") ?><?cs call:col_head("created") ?><?cs call:col_head("updated") ?>
  </tr></thead>
  <tbody>
  <?cs # aliases: a name found among the loop's locals costs ClearSilver one short lookup per row instead of a walk from the top ?>
  <?cs with:lab = L.requests.col ?><?cs with:col = Columns ?><?cs with:sn = L.status ?><?cs with:tn = L.type ?><?cs with:pn = L.priority ?>
  <?cs each:t = Tickets ?>
  <tr>
    <?cs if:col.id ?><td class="col-id" data-label="<?cs var:lab.id ?>">#<?cs var:t.id ?></td><?cs /if ?>
    <td class="col-subject"><a href="<?cs var:Site.base ?>/requests/<?cs var:t.id ?>"><?cs var:t.subject ?></a></td>
    <?cs if:col.status ?><td class="col-status" data-label="<?cs var:lab.status ?>"><span class="badge status-<?cs var:t.status ?>"><?cs var:sn[t.status] ?></span></td><?cs /if ?>
    <?cs if:col.type ?><td class="col-type" data-label="<?cs var:lab.type ?>"><?cs var:tn[t.type] ?></td><?cs /if ?>
    <?cs if:col.product ?><td class="col-product" data-label="<?cs var:lab.product ?>"><?cs var:t.product ?></td><?cs /if ?>
    <?cs if:col.priority ?><td class="col-priority" data-label="<?cs var:lab.priority ?>"><?cs var:pn[t.priority] ?></td><?cs /if ?>
    <?cs if:col.requester ?><td class="col-requester" data-label="<?cs var:lab.requester ?>"><?cs var:t.requester ?></td><?cs /if ?>
    <?cs if:col.assignee ?><td class="col-assignee" data-label="<?cs var:lab.assignee ?>"><?cs var:t.assignee ?></td><?cs /if ?>
    <?cs if:col.created ?><td class="col-created" data-label="<?cs var:lab.created ?>"><time datetime="<?cs var:t.created_iso ?>"><?cs var:t.created ?></time></td><?cs /if ?>
    <?cs if:col.updated ?><td class="col-updated" data-label="<?cs var:lab.updated ?>"><time datetime="<?cs var:t.updated_iso ?>"><?cs var:t.updated ?></time></td><?cs /if ?>
  </tr>
  <?cs /each ?>
  <?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?>
  </tbody>
</table>
</div>
<?cs if:List.paged ?>
<nav class="pager" aria-label="<?cs var:L.requests.pages ?>">
  <?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.requests.prev ?></a><?cs else ?><span></span><?cs /if ?>
  <span class="muted"><?cs var:L.requests.page ?> <?cs var:List.page ?></span>
  <?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.requests.next ?> →</a><?cs else ?><span></span><?cs /if ?>
</nav>
<?cs /if ?>
<?cs else ?>
<div class="card empty-state">
  <?cs if:List.first ?>
  <h2><?cs var:subst(L.requests.page_empty, List.page) ?></h2>
  <p><a href="<?cs var:Site.base ?><?cs var:List.first ?>"><?cs var:L.requests.page_first ?></a></p>
  <?cs elif:List.filtered ?>
  <h2><?cs var:L.requests.none_found ?></h2>
  <p><?cs var:L.requests.none_found_text ?></p>
  <?cs else ?>
  <h2><?cs var:L.requests.empty ?></h2>
  <p><?cs var:L.requests.empty_text ?></p>
  <?cs /if ?>
</div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
