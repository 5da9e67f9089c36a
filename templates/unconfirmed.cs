<?cs # unconfirmed.cs - for a signed-in user whose registration is not confirmed yet: why, and the mail once more (R-ACC 4). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <span class="card-icon icon-mail auth-icon" aria-hidden="true"></span>
    <h1><?cs var:L.unconfirmed.title ?></h1>
    <p class="lead"><?cs var:subst(L.unconfirmed.text, User.email) ?></p>
    <p><?cs var:L.unconfirmed.why ?></p>
    <?cs call:form_alert() ?>
    <?cs call:resend_form(Confirm.next, "btn btn-primary btn-block") ?>
    <p class="auth-alt"><?cs var:L.unconfirmed.hint ?></p>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
