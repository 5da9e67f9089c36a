<?cs # profile/security.cs - /profile/security: password, two-factor sign-in, signed-in devices. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs include:"profile/tabs.cs" ?>
<?cs if:Totp.required ?><div class="alert alert-warn" role="alert"><?cs var:L.profile.totp_required ?></div><?cs /if ?>
<?cs call:error_summary() ?>
<div class="profile-grid">
<section class="card profile-card" aria-labelledby="h-password">
  <h2 id="h-password"><?cs var:L.profile.password_heading ?></h2>
  <form method="post" action="<?cs var:Site.base ?>/profile/security" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="password">
    <input class="visually-hidden" type="email" autocomplete="username" value="<?cs var:User.email ?>" readonly tabindex="-1" aria-hidden="true">
    <?cs call:input("current", L.profile.current_password, "password", "current-password", "") ?>
    <?cs call:input("password", L.profile.new_password, "password", "new-password", L.register.password_hint) ?>
    <p class="field-hint"><?cs var:L.profile.password_sessions ?></p>
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.password_submit ?></button>
  </form>
</section>

<section class="card profile-card" id="totp" aria-labelledby="h-totp">
  <h2 id="h-totp"><?cs var:L.profile.totp_heading ?></h2>
  <?cs if:subcount(Totp.codes) ?>
  <div class="alert alert-ok recovery-codes" role="status">
    <p><strong><?cs var:L.profile.codes_once ?></strong></p>
    <ul class="plain-list codes"><?cs each:c = Totp.codes ?><li><code><?cs var:c ?></code></li><?cs /each ?></ul>
  </div>
  <?cs /if ?>
  <?cs if:Totp.enabled == "1" ?>
  <p><?cs var:L.profile.totp_on ?></p>
  <p class="muted"><?cs var:subst(L.profile.codes_left, Totp.left) ?></p>
  <form method="post" action="<?cs var:Site.base ?>/profile/security" novalidate class="totp-form">
    <?cs call:csrf_field() ?>
    <?cs call:input("confirm_password", L.profile.current_password, "password", "current-password", "") ?>
    <div class="form-actions">
      <button class="btn" type="submit" name="action" value="totp_codes"><?cs var:L.profile.codes_new ?></button>
      <button class="btn btn-danger" type="submit" name="action" value="totp_disable"><?cs var:L.profile.totp_disable ?></button>
    </div>
  </form>
  <?cs elif:Totp.secret ?>
  <ol class="totp-steps">
    <li><?cs var:L.profile.totp_step_scan ?>
      <?cs if:Totp.qr ?><img class="totp-qr" src="<?cs var:Totp.qr ?>" width="200" height="200" alt="<?cs var:L.profile.totp_qr_alt ?>"><?cs /if ?>
      <p class="muted"><?cs var:L.profile.totp_manual ?> <code class="totp-secret"><?cs var:Totp.secret ?></code></p></li>
    <li><?cs var:L.profile.totp_step_code ?></li>
  </ol>
  <form method="post" action="<?cs var:Site.base ?>/profile/security" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="totp_enable">
    <div class="field<?cs if:Form.errors.code ?> has-error<?cs /if ?>">
      <label for="f-code"><?cs var:L.profile.totp_code ?></label>
      <input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="20"<?cs if:Form.errors.code ?> aria-invalid="true" aria-describedby="err-code"<?cs /if ?>>
      <?cs call:field_error("code") ?>
    </div>
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.totp_enable ?></button>
  </form>
  <?cs else ?>
  <p><?cs var:L.profile.totp_off ?></p>
  <form method="post" action="<?cs var:Site.base ?>/profile/security">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="totp_start">
    <button class="btn btn-primary" type="submit"><?cs var:L.profile.totp_start ?></button>
  </form>
  <?cs /if ?>
</section>

<section class="card profile-card profile-wide" aria-labelledby="h-devices">
  <h2 id="h-devices"><?cs var:L.profile.devices ?></h2>
  <div class="table-wrap table-scroll">
  <table class="devices">
    <thead><tr><th scope="col"><?cs var:L.profile.device ?></th><th scope="col"><?cs var:L.profile.device_addr ?></th><th scope="col"><?cs var:L.profile.device_last ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.profile.device_action ?></span></th></tr></thead>
    <tbody>
    <?cs each:d = Devices ?><?cs if:name(d) != "count" ?>
    <tr>
      <td><span title="<?cs var:d.agent ?>"><?cs var:d.name ?></span><?cs if:d.current ?> <span class="tag"><?cs var:L.profile.device_this ?></span><?cs /if ?><br><span class="muted small-text"><?cs var:subst(L.profile.device_since, d.since) ?></span></td>
      <td><?cs var:d.addr ?></td>
      <td><?cs var:d.last ?></td>
      <td><form method="post" action="<?cs var:Site.base ?>/profile/security"><?cs call:csrf_field() ?><input type="hidden" name="action" value="session_end"><input type="hidden" name="session" value="<?cs var:d.id ?>"><button class="btn btn-small" type="submit"><?cs var:L.profile.device_end ?></button></form></td>
    </tr>
    <?cs /if ?><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Devices.count > 1 ?>
  <form method="post" action="<?cs var:Site.base ?>/profile/security">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="sessions_end">
    <button class="btn btn-danger" type="submit"><?cs var:L.profile.devices_end_others ?></button>
  </form>
  <?cs /if ?>
</section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
