<?cs # admin/users.cs - /admin/users: the search (Users) or one user (Person) with roles, level, organization,
     confirmation and block, and the changes made to them. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:checkbox(fname, label) ?><label class="check"><input type="checkbox" name="<?cs var:fname ?>" value="1"<?cs if:Form[fname] ?> checked<?cs /if ?>> <?cs var:label ?></label><?cs /def ?>
<?cs def:content() ?>
<?cs if:Person.id ?>
<div class="page-head">
  <h1><?cs var:Person.name ?></h1>
  <a class="btn" href="<?cs var:Site.base ?>/admin/users"><?cs var:L.admin.back ?></a>
</div>
<?cs call:admin_nav() ?>
<div class="admin-layout">
  <section class="card" aria-labelledby="person-facts">
    <h2 id="person-facts"><?cs var:Person.email ?></h2>
    <dl class="admin-facts">
      <dt><?cs var:L.admin.users.organization ?></dt><dd><?cs if:Person.org_id ?><a href="<?cs var:Site.base ?>/admin/organizations?id=<?cs var:Person.org_id ?>"><?cs var:Person.org_name ?></a><?cs else ?><?cs var:L.admin.users.no_org ?><?cs /if ?></dd>
      <dt><?cs var:L.admin.users.state ?></dt><dd><?cs if:Person.blocked ?><span class="tag tag-blocked"><?cs var:L.admin.users.blocked ?></span><?cs elif:!Person.confirmed ?><span class="tag"><?cs var:L.admin.users.unconfirmed ?></span><?cs else ?><?cs var:L.admin.users.confirmed ?><?cs /if ?><?cs if:Person.is_agent ?> · <?cs var:L.admin.users.is_agent ?><?cs /if ?><?cs if:Person.is_admin ?> · <?cs var:L.admin.users.is_admin ?><?cs /if ?></dd>
      <dt><?cs var:L.admin.users.effective ?></dt><dd id="effective-level"><?cs var:L.admin.level[Person.effective] ?><?cs if:Person.org_level ?> <span class="muted">(<?cs var:L.admin.users.org_level ?>: <?cs var:L.admin.level[Person.org_level] ?>)</span><?cs /if ?></dd>
      <dt><?cs var:L.admin.users.created ?></dt><dd><?cs var:Person.created ?></dd>
    </dl>
    <?cs if:Person.self ?><p class="muted"><?cs var:L.admin.users.self ?></p><?cs /if ?>
    <div class="admin-actions">
      <?cs if:!Person.confirmed ?>
      <form method="post" action="<?cs var:Site.base ?>/admin/users"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Person.id ?>"><button class="btn" type="submit" name="action" value="confirm"><?cs var:L.admin.users.confirm ?></button></form>
      <?cs /if ?>
      <?cs if:!Person.self ?>
      <form method="post" action="<?cs var:Site.base ?>/admin/users"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Person.id ?>"><?cs if:Person.blocked ?><button class="btn" type="submit" name="action" value="unblock"><?cs var:L.admin.users.unblock ?></button><?cs else ?><button class="btn btn-danger" type="submit" name="action" value="block"><?cs var:L.admin.users.block ?></button><?cs /if ?></form>
      <?cs /if ?>
      <?cs if:!Person.is_agent && !Person.is_admin && !Person.self ?>
      <a class="btn btn-danger" href="<?cs var:Site.base ?>/admin/users/<?cs var:Person.id ?>/anonymise"><?cs var:L.profile.anon_title ?></a>
      <?cs /if ?>
    </div>
    <p class="field-hint"><?cs var:L.admin.users.block_hint ?></p>
  </section>
  <form class="card admin-form" method="post" action="<?cs var:Site.base ?>/admin/users">
    <h2><?cs var:L.admin.users.settings ?></h2>
    <?cs call:csrf_field() ?>
    <?cs call:error_summary() ?>
    <input type="hidden" name="id" value="<?cs var:Person.id ?>">
    <input type="hidden" name="action" value="save">
    <div class="field<?cs if:Form.errors.org_id ?> has-error<?cs /if ?>">
      <label for="f-org_id"><?cs var:L.admin.users.organization ?></label>
      <select id="f-org_id" name="org_id">
        <option value="0"><?cs var:L.admin.users.no_org ?></option>
        <?cs each:o = OrgPicker ?><option value="<?cs var:o.id ?>"<?cs if:Form.org_id == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("org_id") ?>
    </div>
    <div class="field<?cs if:Form.errors.access_level ?> has-error<?cs /if ?>">
      <label for="f-access_level"><?cs var:L.admin.users.access_level ?></label>
      <?cs call:level_select("access_level", Form.access_level) ?>
      <?cs call:field_error("access_level") ?>
    </div>
    <fieldset class="field plain-fieldset">
      <legend class="label"><?cs var:L.admin.users.roles ?></legend>
      <?cs call:checkbox("is_main_contact", L.admin.users.main_contact) ?>
      <?cs call:checkbox("is_customer_admin", L.admin.users.customer_admin) ?>
      <?cs call:checkbox("is_info_recipient", L.admin.users.info_recipient) ?>
    </fieldset>
    <fieldset class="field plain-fieldset">
      <legend class="label"><?cs var:L.admin.users.staff ?></legend>
      <?cs call:checkbox("is_agent", L.admin.users.is_agent) ?>
    </fieldset>
    <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:L.admin.save ?></button></div>
  </form>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs else ?>
<div class="page-head"><h1><?cs var:L.admin.users.title ?></h1></div>
<?cs call:admin_nav() ?>
<form class="admin-search" method="get" action="<?cs var:Site.base ?>/admin/users" role="search">
  <label for="f-q"><?cs var:L.admin.users.search_label ?></label>
  <input id="f-q" name="q" type="search" value="<?cs var:Form.q ?>">
  <label for="f-org" class="visually-hidden"><?cs var:L.admin.users.organization ?></label>
  <select id="f-org" name="org">
    <option value="0"><?cs var:L.admin.users.all_orgs ?></option>
    <?cs each:o = OrgPicker ?><option value="<?cs var:o.id ?>"<?cs if:Form.org == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
  </select>
  <label class="check"><input type="checkbox" name="staff" value="1"<?cs if:Form.staff ?> checked<?cs /if ?>> <?cs var:L.admin.users.staff_only ?></label>
  <button class="btn" type="submit"><?cs var:L.admin.search ?></button>
</form>
<?cs if:subcount(Users) ?>
<div class="table-wrap"><table class="tickets">
  <thead><tr><th scope="col"><?cs var:L.admin.orgs.name ?></th><th scope="col"><?cs var:L.admin.users.email ?></th><th scope="col"><?cs var:L.admin.users.organization ?></th><th scope="col"><?cs var:L.admin.users.roles ?></th><th scope="col"><?cs var:L.admin.users.state ?></th></tr></thead>
  <tbody>
  <?cs each:u = Users ?>
  <tr id="user-<?cs var:u.id ?>">
    <td data-label="<?cs var:L.admin.orgs.name ?>"><a href="<?cs var:Site.base ?>/admin/users?id=<?cs var:u.id ?>"><?cs var:u.name ?></a></td>
    <td data-label="<?cs var:L.admin.users.email ?>"><?cs var:u.email ?></td>
    <td data-label="<?cs var:L.admin.users.organization ?>"><?cs if:u.org_id ?><?cs var:u.org_name ?><?cs else ?><span class="muted"><?cs var:L.admin.users.no_org ?></span><?cs /if ?></td>
    <td data-label="<?cs var:L.admin.users.roles ?>"><?cs if:u.main_contact ?><span class="tag"><?cs var:L.admin.users.main_contact ?></span> <?cs /if ?><?cs if:u.customer_admin ?><span class="tag"><?cs var:L.admin.users.customer_admin ?></span> <?cs /if ?><?cs if:u.info_recipient ?><span class="tag"><?cs var:L.admin.users.info_recipient ?></span> <?cs /if ?><?cs if:u.is_agent ?><span class="tag"><?cs var:L.admin.users.is_agent ?></span> <?cs /if ?><?cs if:u.is_admin ?><span class="tag"><?cs var:L.admin.users.is_admin ?></span><?cs /if ?></td>
    <td data-label="<?cs var:L.admin.users.state ?>"><?cs if:u.blocked ?><span class="tag tag-blocked"><?cs var:L.admin.users.blocked ?></span><?cs elif:!u.confirmed ?><?cs var:L.admin.users.unconfirmed ?><?cs else ?><?cs var:L.admin.users.active ?><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="card empty-state"><?cs var:L.admin.users.empty ?></p><?cs /if ?>
<?cs if:List.prev || List.next ?><nav class="pager" aria-label="<?cs var:L.admin.users.title ?>"><?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.admin.prev ?></a><?cs else ?><span></span><?cs /if ?><?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.admin.next ?> →</a><?cs /if ?></nav><?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
