<?cs # login.cs - the sign-in form. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
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
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
