<?cs # profile/export.cs - /profile/export: what the archive holds, and the button that sends it. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs include:"profile/tabs.cs" ?>
<section class="card profile-card" aria-labelledby="h-export">
  <h2 id="h-export"><?cs var:L.profile.export_heading ?></h2>
  <p><?cs var:L.profile.export_lead ?></p>
  <ul>
    <li><?cs var:L.profile.export_profile ?></li>
    <li><?cs var:L.profile.export_tickets ?></li>
    <li><?cs var:L.profile.export_files ?></li>
  </ul>
  <form method="post" action="<?cs var:Site.base ?>/profile/export">
    <?cs call:csrf_field() ?>
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.export_button ?></button>
  </form>
  <p class="muted"><?cs var:L.profile.export_delete ?></p>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
