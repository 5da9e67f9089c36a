<?cs # password_reset.cs - sets a new password with the link from the reset mail. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <h1><?cs var:L.reset.title ?></h1>
    <p class="lead"><?cs var:subst(L.reset.lead, Reset.email) ?></p>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/password/reset" novalidate>
      <?cs call:csrf_field() ?>
      <input type="hidden" name="token" value="<?cs var:Reset.token ?>">
      <input class="visually-hidden" type="email" autocomplete="username" value="<?cs var:Reset.email ?>" readonly tabindex="-1" aria-hidden="true">
      <?cs call:input("password", L.reset.password, "password", "new-password", L.register.password_hint) ?>
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.reset.submit ?></button>
    </form>
    <p class="auth-alt muted"><?cs var:L.reset.sessions ?></p>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
