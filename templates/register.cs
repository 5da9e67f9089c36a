<?cs # register.cs - self-registration (name, e-mail, password), and the "check your mail" page after it. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
  <?cs if:Register.sent ?>
    <span class="card-icon icon-mail auth-icon" aria-hidden="true"></span>
    <h1><?cs var:L.register.sent_title ?></h1>
    <p class="lead"><?cs var:subst(L.register.sent_text, Register.hours) ?></p>
    <p class="muted"><?cs var:L.register.sent_hint ?></p>
    <p class="auth-alt"><?cs var:L.register.have_account ?> <a href="<?cs var:Site.base ?>/login"><?cs var:L.register.sign_in ?></a></p>
  <?cs else ?>
    <h1><?cs var:L.register.title ?></h1>
    <p class="lead"><?cs var:L.register.lead ?></p>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/register" novalidate>
      <?cs call:csrf_field() ?>
      <?cs call:input("name", L.register.name, "text", "name", "") ?>
      <?cs call:input("email", L.register.email, "email", "email", L.register.email_hint) ?>
      <?cs call:input("password", L.register.password, "password", "new-password", L.register.password_hint) ?>
      <div class="hp-field" aria-hidden="true">
        <label for="f-website"><?cs var:L.register.honeypot ?></label>
        <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value="">
      </div>
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.register.submit ?></button>
    </form>
    <p class="auth-alt"><?cs var:L.register.have_account ?> <a href="<?cs var:Site.base ?>/login"><?cs var:L.register.sign_in ?></a></p>
  <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
