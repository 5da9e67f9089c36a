<?cs # login.cs - the sign-in form, and its second step (a code) for accounts with two-factor sign-in. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <?cs if:Login.challenge ?>
    <h1><?cs var:L.profile.login_code_title ?></h1>
    <p class="lead"><?cs var:L.profile.login_code_lead ?></p>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/login" novalidate>
      <?cs call:csrf_field() ?>
      <input type="hidden" name="challenge" value="<?cs var:Login.challenge ?>">
      <?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
      <div class="field<?cs if:Form.errors.code ?> has-error<?cs /if ?>">
        <label for="f-code"><?cs var:L.profile.login_code ?></label>
        <p class="field-hint" id="hint-code"><?cs var:L.profile.login_code_hint ?></p>
        <input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="20" autofocus<?cs if:Form.errors.code ?> aria-invalid="true" aria-describedby="err-code"<?cs else ?> aria-describedby="hint-code"<?cs /if ?>>
        <?cs call:field_error("code") ?>
      </div>
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.profile.login_code_submit ?></button>
    </form>
    <p class="auth-links"><a href="<?cs var:Site.base ?>/login"><?cs var:L.profile.login_code_restart ?></a></p>
    <?cs else ?>
    <h1><?cs var:L.login.title ?></h1>
    <p class="lead"><?cs var:L.login.lead ?></p>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/login" novalidate>
      <?cs call:csrf_field() ?>
      <?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
      <?cs call:input("email", L.login.email, "email", "username", "") ?>
      <?cs call:input("password", L.login.password, "password", "current-password", "") ?>
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.login.submit ?></button>
    </form>
    <p class="auth-links">
      <a href="<?cs var:Site.base ?>/password/forgot"><?cs var:L.login.forgot ?></a>
    </p>
    <p class="auth-alt"><?cs var:L.login.no_account ?> <a href="<?cs var:Site.base ?>/register"><?cs var:L.login.register ?></a></p>
    <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
