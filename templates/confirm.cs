<?cs # confirm.cs - the page behind the confirmation link: a GET changes nothing (mail scanners open
     links first, R-MAIL 4); the button's POST completes the registration. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <span class="card-icon icon-link auth-icon" aria-hidden="true"></span>
    <h1><?cs var:L.links.confirm_title ?></h1>
    <p class="lead"><?cs var:subst(L.links.confirm_lead, Confirm.email) ?></p>
    <form method="post" action="<?cs var:Site.base ?>/confirm">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="token" value="<?cs var:Confirm.token ?>">
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.links.confirm_button ?></button>
    </form>
    <p class="auth-alt muted"><?cs var:L.links.confirm_why ?></p>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
