<?cs # admin/index.cs - /admin: the administration's start page - counts, the way to every admin page, recent changes. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:L.admin.title ?></h1></div>
<?cs call:admin_nav() ?>
<p class="lead"><?cs var:L.admin.lead ?></p>
<div class="admin-cards">
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/organizations"><h2><?cs var:L.admin.nav.organizations ?></h2><p><span class="admin-count"><?cs var:Counts.orgs ?></span> <?cs var:L.admin.counts.orgs ?></p></a>
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/users"><h2><?cs var:L.admin.nav.users ?></h2><p><span class="admin-count"><?cs var:Counts.users ?></span> <?cs var:L.admin.counts.users ?> · <?cs var:Counts.unconfirmed ?> <?cs var:L.admin.counts.unconfirmed ?> · <?cs var:Counts.blocked ?> <?cs var:L.admin.counts.blocked ?></p></a>
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/groups"><h2><?cs var:L.admin.nav.groups ?></h2><p><span class="admin-count"><?cs var:Counts.groups ?></span> <?cs var:L.admin.counts.groups ?> · <?cs var:Counts.agents ?> <?cs var:L.admin.counts.agents ?></p></a>
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/forms"><h2><?cs var:L.admin.nav.forms ?></h2><p><span class="admin-count"><?cs var:Counts.forms ?></span> <?cs var:L.admin.counts.forms ?></p></a>
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/macros"><h2><?cs var:L.admin.nav.macros ?></h2><p><?cs var:L.macros.intro_shared ?></p></a>
  <a class="card card-link" href="<?cs var:Site.base ?>/admin/mail"><h2><?cs var:L.admin.nav.mail ?></h2><p><?cs var:L.intake.lead ?></p></a>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
