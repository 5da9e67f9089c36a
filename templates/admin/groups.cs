<?cs # admin/groups.cs - /admin/groups: the agent groups with their members (add, remove), renaming, a new group,
     and which group receives each form's new requests. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:L.admin.groups.title ?></h1></div>
<?cs call:admin_nav() ?>
<?cs call:error_summary() ?>
<div class="admin-groups">
<?cs each:g = Groups ?>
  <section class="card admin-group" id="group-<?cs var:g.id ?>" aria-labelledby="group-title-<?cs var:g.id ?>">
    <h2 id="group-title-<?cs var:g.id ?>"><?cs var:g.name ?></h2>
    <?cs if:g.forms ?><p class="muted"><?cs var:L.admin.groups.forms ?>: <?cs var:g.forms ?></p><?cs /if ?>
    <h3><?cs var:L.admin.groups.members ?></h3>
    <?cs if:subcount(g.members) ?>
    <ul class="plain-list admin-members">
      <?cs each:m = g.members ?><li><span><?cs var:m.name ?></span>
        <form method="post" action="<?cs var:Site.base ?>/admin/groups"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:g.id ?>"><input type="hidden" name="user" value="<?cs var:m.id ?>"><button class="btn btn-compact" type="submit" name="action" value="remove_member"><?cs var:L.admin.groups.remove ?><span class="visually-hidden">: <?cs var:m.name ?></span></button></form></li>
      <?cs /each ?>
    </ul>
    <?cs else ?><p class="muted"><?cs var:L.admin.groups.no_members ?></p><?cs /if ?>
    <?cs if:subcount(g.others) ?>
    <form class="admin-inline" method="post" action="<?cs var:Site.base ?>/admin/groups">
      <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:g.id ?>">
      <label for="f-user-<?cs var:g.id ?>"><?cs var:L.admin.groups.agent ?></label>
      <select id="f-user-<?cs var:g.id ?>" name="user"><?cs each:a = g.others ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?></select>
      <button class="btn btn-compact" type="submit" name="action" value="add_member"><?cs var:L.admin.groups.add ?></button>
    </form>
    <?cs /if ?>
    <details>
      <summary><?cs var:L.admin.groups.rename ?></summary>
      <form class="admin-inline" method="post" action="<?cs var:Site.base ?>/admin/groups">
        <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:g.id ?>"><input type="hidden" name="action" value="save">
        <label for="f-name-<?cs var:g.id ?>"><?cs var:L.admin.groups.name ?></label>
        <input id="f-name-<?cs var:g.id ?>" name="name" value="<?cs var:g.name ?>" maxlength="100" required>
        <label for="f-email-<?cs var:g.id ?>"><?cs var:L.admin.groups.email ?></label>
        <input id="f-email-<?cs var:g.id ?>" name="email" type="email" value="<?cs var:g.email ?>">
        <button class="btn btn-compact" type="submit"><?cs var:L.admin.save ?></button>
      </form>
    </details>
  </section>
<?cs /each ?>
</div>
<div class="admin-layout">
  <form class="card admin-form" method="post" action="<?cs var:Site.base ?>/admin/groups">
    <h2><?cs var:L.admin.groups.new ?></h2>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="save"><input type="hidden" name="id" value="0">
    <?cs call:input("name", L.admin.groups.name, "text", "off", "") ?>
    <?cs call:input("email", L.admin.groups.email, "email", "off", "") ?>
    <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:L.admin.save ?></button></div>
  </form>
  <section class="card" aria-labelledby="route-title">
    <h2 id="route-title"><?cs var:L.admin.groups.route_title ?></h2>
    <?cs each:f = Forms ?>
    <form class="admin-inline" method="post" action="<?cs var:Site.base ?>/admin/groups">
      <?cs call:csrf_field() ?><input type="hidden" name="action" value="route"><input type="hidden" name="form" value="<?cs var:f.id ?>">
      <label for="f-route-<?cs var:f.id ?>"><?cs var:f.title ?><?cs if:!f.active ?> <span class="muted">(<?cs var:L.admin.groups.inactive ?>)</span><?cs /if ?></label>
      <select id="f-route-<?cs var:f.id ?>" name="group"><?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:f.group == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?></select>
      <button class="btn btn-compact" type="submit"><?cs var:L.admin.groups.route ?></button>
    </form>
    <?cs /each ?>
  </section>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
