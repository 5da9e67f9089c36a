<?cs # unsubscribe.cs - the page behind the unsubscribe link of a product mail: a GET changes nothing (mail
     scanners open links first, R-MAIL 4); the button's POST ends the product mails. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <span class="card-icon icon-link auth-icon" aria-hidden="true"></span>
    <h1><?cs var:L.unsub.title ?></h1>
    <p class="lead"><?cs var:subst(L.unsub.lead, Unsub.email) ?></p>
    <form method="post" action="<?cs var:Site.base ?>/unsubscribe">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="token" value="<?cs var:Unsub.token ?>">
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.unsub.button ?></button>
    </form>
    <p class="auth-alt muted"><?cs var:L.unsub.why ?></p>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
