<?cs # profile/email.cs - behind an e-mail change link: the GET changes nothing (R-MAIL 4), the button does. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <span class="card-icon icon-mail auth-icon" aria-hidden="true"></span>
    <?cs if:Email.undo == "1" ?>
    <h1><?cs var:L.profile.email_undo_title ?></h1>
    <p class="lead"><?cs var:subst(L.profile.email_undo_lead, Email.address) ?></p>
    <?cs else ?>
    <h1><?cs var:L.profile.email_confirm_title ?></h1>
    <p class="lead"><?cs var:subst(L.profile.email_confirm_lead, Email.address) ?></p>
    <?cs /if ?>
    <form method="post" action="<?cs var:Site.base ?>/profile/email">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="token" value="<?cs var:Email.token ?>">
      <button class="btn btn-primary btn-block" type="submit"><?cs if:Email.undo == "1" ?><?cs var:L.profile.email_undo_button ?><?cs else ?><?cs var:L.profile.email_confirm_button ?><?cs /if ?></button>
    </form>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
