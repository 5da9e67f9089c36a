<?cs # admin/nav.cs - the staff administration's navigation (every /admin page) and its audit table. ?>
<?cs def:admin_nav() ?>
<nav class="tabs admin-nav" aria-label="<?cs var:L.admin.nav.label ?>">
  <a href="<?cs var:Site.base ?>/admin"<?cs if:AdminNav.current == "" ?> aria-current="page"<?cs /if ?>><?cs var:L.admin.nav.home ?></a>
  <?cs each:n = L.admin.nav ?><?cs if:name(n) != "label" && name(n) != "home" ?><a href="<?cs var:Site.base ?>/admin/<?cs var:name(n) ?>"<?cs if:AdminNav.current == name(n) ?> aria-current="page"<?cs /if ?>><?cs var:n ?></a>
  <?cs /if ?><?cs /each ?>
</nav>
<?cs /def ?>

<?cs # the audit rows (Audit.N), newest first ?>
<?cs def:admin_audit(title) ?>
<section class="admin-audit" aria-labelledby="audit-title">
  <h2 id="audit-title"><?cs var:title ?></h2>
  <?cs if:subcount(Audit) ?>
  <div class="table-wrap">
  <table class="tickets audit">
    <thead><tr>
      <th scope="col"><?cs var:L.admin.audit.when ?></th><th scope="col"><?cs var:L.admin.audit.who ?></th>
      <th scope="col"><?cs var:L.admin.audit.action ?></th><th scope="col"><?cs var:L.admin.audit.object ?></th>
      <th scope="col"><?cs var:L.admin.audit.before ?></th><th scope="col"><?cs var:L.admin.audit.after ?></th>
    </tr></thead>
    <tbody>
    <?cs each:e = Audit ?>
    <tr id="audit-<?cs var:e.id ?>">
      <td data-label="<?cs var:L.admin.audit.when ?>"><time datetime="<?cs var:e.at_iso ?>"><?cs var:e.at ?></time></td>
      <td data-label="<?cs var:L.admin.audit.who ?>"><?cs var:e.actor ?></td>
      <td data-label="<?cs var:L.admin.audit.action ?>"><code><?cs var:e.action ?></code></td>
      <td data-label="<?cs var:L.admin.audit.object ?>"><?cs var:e.object ?></td>
      <td class="audit-text" data-label="<?cs var:L.admin.audit.before ?>"><?cs var:e.before ?></td>
      <td class="audit-text" data-label="<?cs var:L.admin.audit.after ?>"><?cs var:e.after ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:L.admin.audit.empty ?></p><?cs /if ?>
</section>
<?cs /def ?>

<?cs # the access level picker: name, selected value ?>
<?cs def:level_select(fname, current) ?>
<select id="f-<?cs var:fname ?>" name="<?cs var:fname ?>">
  <?cs each:l = L.admin.level ?><option value="<?cs var:name(l) ?>"<?cs if:current == name(l) ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?>
</select>
<?cs /def ?>
