<?cs # link.cs - a link from a mail that does not work (unknown, used, expired): what happened and what to do. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <span class="card-icon icon-link auth-icon" aria-hidden="true"></span>
    <h1><?cs var:Link.title ?></h1>
    <p class="lead"><?cs var:Link.text ?></p>
    <?cs if:Link.resend ?>
    <?cs call:resend_form("/", "btn btn-primary btn-block") ?>
    <?cs elif:Link.action ?>
    <a class="btn btn-primary btn-block" href="<?cs var:Site.base ?><?cs var:Link.action ?>"><?cs var:Link.action_label ?></a>
    <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
