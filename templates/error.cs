<?cs # error.cs - one page for every error status; no internals, ever. ?>
<?cs def:content() ?>
<div class="error-page">
  <p class="error-code"><?cs var:L.error.code ?> <?cs var:Error.status ?></p>
  <h1><?cs var:Error.title ?></h1>
  <p class="lead"><?cs var:Error.text ?></p>
  <p><a class="btn" href="<?cs var:Site.base ?>/"><?cs var:L.error.back_home ?></a></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
