<?cs # hc/unfollow.cs - the unfollow link of a follow mail: a button first, then the confirmation. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth">
  <div class="card auth-card">
    <h1><?cs var:L.hc.unfollow_title ?></h1>
    <?cs if:Unfollow.done ?>
    <p class="lead" role="status"><?cs var:L.hc.unfollow_done ?></p>
    <a class="btn btn-block" href="<?cs var:Site.base ?>/hc"><?cs var:L.hc.title ?></a>
    <?cs else ?>
    <p class="lead"><?cs if:Unfollow.kind == "section" ?><?cs var:L.hc.unfollow_section_text ?><?cs else ?><?cs var:L.hc.unfollow_article_text ?><?cs /if ?></p>
    <form method="post" action="<?cs var:Site.base ?>/hc/unfollow">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="token" value="<?cs var:Unfollow.token ?>">
      <button class="btn btn-primary btn-block" type="submit"><?cs var:L.hc.unfollow_button ?></button>
    </form>
    <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
