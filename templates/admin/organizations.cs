<?cs # admin/organizations.cs - /admin/organizations: the list with search and a form for a new one (Orgs),
     or one organization (Org) with its settings, users and changes. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:org_form(id) ?>
<form class="card admin-form" method="post" action="<?cs var:Site.base ?>/admin/organizations">
  <?cs call:csrf_field() ?>
  <?cs call:error_summary() ?>
  <input type="hidden" name="action" value="save">
  <input type="hidden" name="id" value="<?cs var:id ?>">
  <?cs call:input("name", L.admin.orgs.name, "text", "off", "") ?>
  <div class="field<?cs if:Form.errors.access_level ?> has-error<?cs /if ?>">
    <label for="f-access_level"><?cs var:L.admin.orgs.access_level ?></label>
    <p class="field-hint" id="hint-access_level"><?cs var:L.admin.orgs.access_hint ?></p>
    <?cs call:level_select("access_level", Form.access_level) ?>
    <?cs call:field_error("access_level") ?>
  </div>
  <div class="field<?cs if:Form.errors.domains ?> has-error<?cs /if ?>">
    <label for="f-domains"><?cs var:L.admin.orgs.domains ?></label>
    <p class="field-hint" id="hint-domains"><?cs var:L.admin.orgs.domains_hint ?></p>
    <textarea id="f-domains" name="domains" rows="4" aria-describedby="hint-domains<?cs if:Form.errors.domains ?> err-domains<?cs /if ?>"<?cs if:Form.errors.domains ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.domains ?></textarea>
    <?cs call:field_error("domains") ?>
  </div>
  <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:L.admin.save ?></button></div>
</form>
<?cs /def ?>
<?cs def:content() ?>
<?cs if:Org.id ?>
<div class="page-head">
  <h1><?cs var:Org.name ?></h1>
  <a class="btn" href="<?cs var:Site.base ?>/admin/organizations"><?cs var:L.admin.back ?></a>
</div>
<?cs call:admin_nav() ?>
<div class="admin-layout">
  <section aria-labelledby="org-users">
    <h2 id="org-users"><?cs var:L.admin.orgs.users ?> (<?cs var:Org.nusers ?>)</h2>
    <?cs if:subcount(Users) ?>
    <div class="table-wrap"><table class="tickets">
      <thead><tr><th scope="col"><?cs var:L.admin.orgs.name ?></th><th scope="col"><?cs var:L.admin.users.email ?></th><th scope="col"><?cs var:L.admin.users.roles ?></th><th scope="col"><?cs var:L.admin.users.effective ?></th></tr></thead>
      <tbody>
      <?cs each:u = Users ?>
      <tr>
        <td data-label="<?cs var:L.admin.orgs.name ?>"><a href="<?cs var:Site.base ?>/admin/users?id=<?cs var:u.id ?>"><?cs var:u.name ?></a><?cs if:u.blocked ?> <span class="tag tag-blocked"><?cs var:L.admin.users.blocked ?></span><?cs /if ?><?cs if:u.unconfirmed ?> <span class="tag"><?cs var:L.admin.users.unconfirmed ?></span><?cs /if ?></td>
        <td data-label="<?cs var:L.admin.users.email ?>"><?cs var:u.email ?></td>
        <td data-label="<?cs var:L.admin.users.roles ?>"><?cs if:u.main_contact ?><span class="tag"><?cs var:L.admin.users.main_contact ?></span> <?cs /if ?><?cs if:u.customer_admin ?><span class="tag"><?cs var:L.admin.users.customer_admin ?></span> <?cs /if ?><?cs if:u.info_recipient ?><span class="tag"><?cs var:L.admin.users.info_recipient ?></span><?cs /if ?></td>
        <td data-label="<?cs var:L.admin.users.effective ?>"><?cs var:L.admin.level[u.effective] ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table></div>
    <?cs else ?><p class="muted"><?cs var:L.admin.orgs.no_users ?></p><?cs /if ?>
    <p><?cs var:L.admin.orgs.tickets ?>: <?cs var:Org.ntickets ?> · <a href="<?cs var:Site.base ?>/agent?queue=all&amp;org=<?cs var:url_escape(Org.name) ?>"><?cs var:L.admin.orgs.show_tickets ?></a></p>
  </section>
  <?cs call:org_form(Org.id) ?>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs else ?>
<div class="page-head"><h1><?cs var:L.admin.orgs.title ?></h1></div>
<?cs call:admin_nav() ?>
<div class="admin-layout">
  <section aria-labelledby="org-list">
    <h2 id="org-list" class="visually-hidden"><?cs var:L.admin.orgs.title ?></h2>
    <form class="admin-search" method="get" action="<?cs var:Site.base ?>/admin/organizations" role="search">
      <label for="f-q"><?cs var:L.admin.orgs.search_label ?></label>
      <input id="f-q" name="q" type="search" value="<?cs var:Form.q ?>">
      <button class="btn" type="submit"><?cs var:L.admin.search ?></button>
    </form>
    <?cs if:subcount(Orgs) ?>
    <div class="table-wrap"><table class="tickets">
      <thead><tr><th scope="col"><?cs var:L.admin.orgs.name ?></th><th scope="col"><?cs var:L.admin.orgs.domains ?></th><th scope="col"><?cs var:L.admin.orgs.access_level ?></th><th scope="col"><?cs var:L.admin.orgs.users ?></th><th scope="col"><?cs var:L.admin.orgs.tickets ?></th></tr></thead>
      <tbody>
      <?cs each:o = Orgs ?>
      <tr id="org-<?cs var:o.id ?>">
        <td data-label="<?cs var:L.admin.orgs.name ?>"><a href="<?cs var:Site.base ?>/admin/organizations?id=<?cs var:o.id ?>"><?cs var:o.name ?></a></td>
        <td class="admin-domains" data-label="<?cs var:L.admin.orgs.domains ?>"><?cs var:o.domains ?></td>
        <td data-label="<?cs var:L.admin.orgs.access_level ?>"><?cs var:L.admin.level[o.access_level] ?></td>
        <td data-label="<?cs var:L.admin.orgs.users ?>"><?cs var:o.nusers ?></td>
        <td data-label="<?cs var:L.admin.orgs.tickets ?>"><?cs var:o.ntickets ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table></div>
    <?cs else ?><p class="card empty-state"><?cs var:L.admin.orgs.empty ?></p><?cs /if ?>
    <?cs if:List.prev || List.next ?><nav class="pager" aria-label="<?cs var:L.admin.orgs.title ?>"><?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.admin.prev ?></a><?cs else ?><span></span><?cs /if ?><?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.admin.next ?> →</a><?cs /if ?></nav><?cs /if ?>
  </section>
  <div>
    <h2><?cs var:L.admin.orgs.new ?></h2>
    <?cs call:org_form(0) ?>
  </div>
</div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
