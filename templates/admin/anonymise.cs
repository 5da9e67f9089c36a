<?cs # admin/anonymise.cs - /admin/users/ID/anonymise: staff anonymise a customer (GDPR). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <h1><?cs var:L.profile.anon_title ?></h1>
    <?cs call:form_alert() ?>
    <p class="lead"><strong><?cs var:Anon.name ?></strong> · <?cs var:Anon.email ?><?cs if:Anon.org ?> · <?cs var:Anon.org ?><?cs /if ?></p>
    <?cs if:Anon.staff == "1" ?>
    <p><?cs var:L.profile.anon_staff ?></p>
    <?cs else ?>
    <p><?cs var:L.profile.anon_lead ?></p>
    <form method="post" action="<?cs var:Site.base ?>/admin/users/<?cs var:Anon.id ?>/anonymise">
      <?cs call:csrf_field() ?>
      <button class="btn btn-danger btn-block" type="submit"><?cs var:L.profile.anon_button ?></button>
    </form>
    <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
