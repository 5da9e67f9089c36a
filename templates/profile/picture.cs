<?cs # profile/picture.cs - /profile/picture: the picture shown next to one's comments. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs include:"profile/tabs.cs" ?>
<?cs call:error_summary() ?>
<section class="card profile-card" aria-labelledby="h-picture">
  <h2 id="h-picture"><?cs var:L.profile.picture_heading ?></h2>
  <div class="picture-now">
    <?cs if:Profile.picture > 0 ?>
    <img class="avatar-large" src="<?cs var:Site.base ?>/profile/picture/<?cs var:Profile.id ?>?size=large&amp;v=<?cs var:Profile.picture ?>" width="128" height="128" alt="<?cs var:L.profile.picture_alt ?>">
    <?cs else ?>
    <span class="avatar avatar-large" aria-hidden="true"><?cs var:Profile.initials ?></span>
    <?cs /if ?>
  </div>
  <form method="post" action="<?cs var:Site.base ?>/profile/picture" enctype="multipart/form-data" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="upload">
    <div class="field<?cs if:Form.errors.picture ?> has-error<?cs /if ?>">
      <label for="f-picture"><?cs var:L.profile.picture_file ?></label>
      <p class="field-hint" id="hint-picture"><?cs var:subst(L.profile.picture_hint, Profile.max_size) ?></p>
      <input id="f-picture" name="picture" type="file" accept="image/jpeg,image/png"<?cs if:Form.errors.picture ?> aria-invalid="true" aria-describedby="err-picture"<?cs else ?> aria-describedby="hint-picture"<?cs /if ?>>
      <?cs call:field_error("picture") ?>
    </div>
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.picture_upload ?></button>
  </form>
  <?cs if:Profile.picture > 0 ?>
  <form method="post" action="<?cs var:Site.base ?>/profile/picture">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="delete">
    <button class="btn btn-danger" type="submit"><?cs var:L.profile.picture_delete ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
