<?cs # profile.cs - /profile: details and language, notification settings, the e-mail change. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs include:"profile/tabs.cs" ?>
<?cs call:error_summary() ?>
<div class="profile-grid">
<section class="card profile-card" aria-labelledby="h-details">
  <h2 id="h-details"><?cs var:L.profile.details ?></h2>
  <form method="post" action="<?cs var:Site.base ?>/profile" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="details">
    <?cs call:input("name", L.profile.name, "text", "name", "") ?>
    <?cs call:input("phone", L.profile.phone, "tel", "tel", "") ?>
    <?cs call:input("mobile", L.profile.mobile, "tel", "tel", "") ?>
    <?cs call:input("position", L.profile.position, "text", "organization-title", "") ?>
    <div class="field<?cs if:Form.errors.lang ?> has-error<?cs /if ?>">
      <label for="f-lang"><?cs var:L.profile.lang ?></label>
      <p class="field-hint" id="hint-lang"><?cs var:L.profile.lang_hint ?></p>
      <select id="f-lang" name="lang" aria-describedby="hint-lang">
        <option value="de"<?cs if:Form.lang == "de" ?> selected<?cs /if ?>>Deutsch</option>
        <option value="en"<?cs if:Form.lang == "en" ?> selected<?cs /if ?>>English</option>
      </select>
      <?cs call:field_error("lang") ?>
    </div>
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.save ?></button>
  </form>
</section>

<section class="card profile-card" aria-labelledby="h-email">
  <h2 id="h-email"><?cs var:L.profile.email_heading ?></h2>
  <p><?cs var:L.profile.email_now ?> <strong><?cs var:Profile.email ?></strong></p>
  <?cs if:Profile.pending_email ?><p class="alert alert-info"><?cs var:subst(L.profile.email_pending, Profile.pending_email) ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.base ?>/profile" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="email">
    <?cs call:input("email", L.profile.email_new, "email", "email", L.profile.email_hint) ?>
    <?cs call:input("email_password", L.profile.current_password, "password", "current-password", "") ?>
    <button class="btn" type="submit"><?cs var:L.profile.email_submit ?></button>
  </form>
</section>

<section class="card profile-card" aria-labelledby="h-notify">
  <h2 id="h-notify"><?cs var:L.profile.notifications ?></h2>
  <form method="post" action="<?cs var:Site.base ?>/profile">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="notifications">
    <fieldset class="plain-fieldset">
      <legend class="visually-hidden"><?cs var:L.profile.notifications ?></legend>
      <label class="check"><input type="checkbox" name="notify_updates" value="1"<?cs if:Form.notify_updates == "1" ?> checked<?cs /if ?>> <?cs var:L.profile.notify_updates ?></label>
      <label class="check"><input type="checkbox" name="notify_follows" value="1"<?cs if:Form.notify_follows == "1" ?> checked<?cs /if ?>> <?cs var:L.profile.notify_follows ?></label>
      <?cs if:Profile.info_recipient == "1" ?>
      <label class="check"><input type="checkbox" name="notify_product" value="1"<?cs if:Form.notify_product == "1" ?> checked<?cs /if ?>> <?cs var:L.profile.notify_product ?></label>
      <?cs /if ?>
    </fieldset>
    <button class="btn" type="submit"><?cs var:L.profile.save_notifications ?></button>
  </form>
</section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
