<?cs # password_forgot.cs - asks for a reset link; afterwards the same answer for every address (R-ACC 6). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
  <?cs if:Forgot.sent ?>
    <span class="card-icon icon-mail auth-icon" aria-hidden="true"></span>
    <h1><?cs var:L.forgot.sent_title ?></h1>
    <p class="lead"><?cs var:subst(L.forgot.sent_text, Forgot.minutes) ?></p>
    <p class="muted"><?cs var:L.forgot.sent_hint ?></p>
    <p class="auth-alt"><a href="<?cs var:Site.base ?>/login"><?cs var:L.forgot.back ?></a></p>
  <?cs else ?>
    <h1><?cs var:L.forgot.title ?></h1>
    <p class="lead"><?cs var:L.forgot.lead ?></p>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/password/forgot" novalidate>
      <?cs call:csrf_field() ?>
      <?cs call:input("email", L.forgot.email, "email", "username", "") ?>
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.forgot.submit ?></button>
    </form>
    <p class="auth-alt"><a href="<?cs var:Site.base ?>/login"><?cs var:L.forgot.back ?></a></p>
  <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
