<?cs # hc/article.cs - /hc/articles/ID: breadcrumbs, title, updated date, body, helpful?, comments; sidebar: the section's articles. ?>
<?cs include:"macros.cs" ?>
<?cs include:"hc/parts.cs" ?>
<?cs def:comment_button(c, action, label) ?><form method="post" action="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>" class="inline-form"><?cs call:csrf_field() ?><input type="hidden" name="action" value="<?cs var:action ?>"><input type="hidden" name="comment" value="<?cs var:c.id ?>"><button class="btn btn-small" type="submit"><?cs var:label ?></button></form><?cs /def ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.hc.breadcrumbs ?>">
  <a href="<?cs var:Site.base ?>/hc"><?cs var:L.hc.title ?></a> › <span><?cs var:Hc.article.category ?></span> ›
  <a href="<?cs var:Site.base ?>/hc/sections/<?cs var:Hc.article.section_id ?>"><?cs var:Hc.article.section ?></a>
</nav>
<div class="hc-layout">
<article class="hc-article card">
  <div class="hc-head">
    <h1><?cs var:Hc.article.title ?></h1>
    <?cs if:Hc.can_comment ?>
    <form method="post" action="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>">
      <?cs call:csrf_field() ?>
      <?cs if:Hc.following ?><input type="hidden" name="action" value="unfollow"><button class="btn btn-small" type="submit"><?cs var:L.hc.unfollow ?></button>
      <?cs else ?><input type="hidden" name="action" value="follow"><button class="btn btn-small" type="submit"><?cs var:L.hc.follow_article ?></button><?cs /if ?>
    </form>
    <?cs /if ?>
  </div>
  <p class="meta"><?cs var:L.hc.updated ?> <time datetime="<?cs var:Hc.article.updated_iso ?>"><?cs var:Hc.article.updated ?></time>
  <?cs if:Hc.article.draft ?> <span class="badge badge-draft"><?cs var:L.hc.draft ?></span><?cs /if ?>
  <?cs if:Hc.staff && Hc.article.signed_in ?> <span class="badge badge-signed-in"><?cs var:L.hc.signed_in_only ?></span><?cs /if ?></p>
  <?cs if:Hc.staff ?><p class="hc-staff-actions"><a class="btn btn-small" href="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>/edit"><?cs var:L.hc.edit.edit ?></a></p><?cs /if ?>
  <?cs # reviewed-exception: the body is the output of tr_html_sanitize (lib/hc/markup.c), stored sanitized on save ?>
  <div class="hc-body"><?cs uvar:Hc.article.body ?></div><?cs # reviewed-exception: sanitized article body (see above) ?>
  <?cs if:Hc.article.labels ?><p class="muted hc-labels"><?cs var:L.hc.labels ?>: <?cs var:Hc.article.labels ?></p><?cs /if ?>
  <section class="hc-helpful" aria-labelledby="hc-helpful">
    <h2 id="hc-helpful" class="h-small"><?cs var:L.hc.helpful ?></h2>
    <?cs if:Hc.can_comment ?>
    <form method="post" action="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>" class="inline-form">
      <?cs call:csrf_field() ?><input type="hidden" name="action" value="vote">
      <button class="btn btn-small<?cs if:Hc.voted == "yes" ?> is-chosen<?cs /if ?>" type="submit" name="helpful" value="yes"<?cs if:Hc.voted == "yes" ?> aria-pressed="true"<?cs /if ?>><?cs var:L.hc.yes ?></button>
      <button class="btn btn-small<?cs if:Hc.voted == "no" ?> is-chosen<?cs /if ?>" type="submit" name="helpful" value="no"<?cs if:Hc.voted == "no" ?> aria-pressed="true"<?cs /if ?>><?cs var:L.hc.no ?></button>
    </form>
    <?cs else ?><p class="muted"><a href="<?cs var:Site.base ?>/login?next=/hc/articles/<?cs var:Hc.article.id ?>"><?cs var:L.nav.login ?></a> – <?cs var:L.hc.sign_in_to_vote ?></p><?cs /if ?>
    <?cs if:Hc.staff ?><p class="muted hc-votes"><?cs var:L.hc.votes ?>: <?cs var:L.hc.yes ?> <?cs var:Hc.article.yes ?> · <?cs var:L.hc.no ?> <?cs var:Hc.article.no ?></p><?cs /if ?>
  </section>
  <section class="hc-comments" aria-labelledby="hc-comments">
    <h2 id="hc-comments"><?cs var:L.hc.comments ?></h2>
    <?cs each:c = Hc.comments ?>
    <div class="hc-comment<?cs if:c.hidden == "1" ?> is-hidden<?cs /if ?><?cs if:c.official == "1" ?> is-official<?cs /if ?>" id="comment-<?cs var:c.id ?>">
      <p class="meta"><span class="avatar" aria-hidden="true"><?cs var:c.initials ?></span> <strong><?cs var:c.author ?></strong>
        · <time datetime="<?cs var:c.time_iso ?>"><?cs var:c.time ?></time><?cs if:c.edited == "1" ?> · <?cs var:L.hc.edited ?><?cs /if ?>
        <?cs if:c.official == "1" ?> <span class="badge badge-official"><?cs var:L.hc.official ?></span><?cs /if ?>
        <?cs if:c.hidden == "1" ?> <span class="badge badge-draft"><?cs var:L.hc.hidden ?></span><?cs /if ?></p>
      <div class="hc-comment-body"><?cs var:c.body ?></div>
      <?cs if:c.own == "1" || Hc.staff ?>
      <div class="hc-comment-actions">
        <?cs if:c.own == "1" ?>
        <details class="hc-comment-edit"><summary class="btn btn-small"><?cs var:L.hc.edit_comment ?></summary>
          <form method="post" action="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>">
            <?cs call:csrf_field() ?><input type="hidden" name="action" value="edit_comment"><input type="hidden" name="comment" value="<?cs var:c.id ?>">
            <label for="edit-<?cs var:c.id ?>" class="visually-hidden"><?cs var:L.hc.edit_comment ?></label>
            <textarea id="edit-<?cs var:c.id ?>" name="body" rows="3" maxlength="5000"><?cs var:c.body ?></textarea>
            <button class="btn btn-small btn-primary" type="submit"><?cs var:L.hc.save ?></button>
          </form>
        </details>
        <?cs /if ?>
        <?cs call:comment_button(c, "delete_comment", L.hc.delete) ?>
        <?cs if:Hc.staff ?>
        <?cs if:c.hidden == "1" ?><?cs call:comment_button(c, "show", L.hc.show) ?><?cs else ?><?cs call:comment_button(c, "hide", L.hc.hide) ?><?cs /if ?>
        <?cs if:c.official == "1" ?><?cs call:comment_button(c, "unofficial", L.hc.unofficial) ?><?cs else ?><?cs call:comment_button(c, "official", L.hc.mark_official) ?><?cs /if ?>
        <?cs /if ?>
      </div>
      <?cs /if ?>
    </div>
    <?cs /each ?>
    <?cs if:!subcount(Hc.comments) ?><p class="muted"><?cs var:L.hc.no_comments ?></p><?cs /if ?>
    <?cs if:Hc.can_comment ?>
    <form method="post" action="<?cs var:Site.base ?>/hc/articles/<?cs var:Hc.article.id ?>" class="hc-comment-form">
      <?cs call:csrf_field() ?><input type="hidden" name="action" value="comment">
      <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
        <label for="f-body"><?cs var:L.hc.your_comment ?></label>
        <textarea id="f-body" name="body" rows="4" maxlength="5000"<?cs if:Form.errors.body ?> aria-invalid="true" aria-describedby="err-body"<?cs /if ?>><?cs var:Form.body ?></textarea>
        <?cs call:field_error("body") ?>
      </div>
      <button class="btn btn-primary" type="submit"><?cs var:L.hc.send_comment ?></button>
    </form>
    <?cs elif:!User.id ?><p class="muted"><a href="<?cs var:Site.base ?>/login?next=/hc/articles/<?cs var:Hc.article.id ?>"><?cs var:L.nav.login ?></a> – <?cs var:L.hc.sign_in_to_comment ?></p><?cs /if ?>
  </section>
</article>
<aside class="hc-sidebar card" aria-labelledby="hc-related">
  <h2 id="hc-related" class="h-small"><?cs var:L.hc.in_section ?></h2>
  <?cs if:subcount(Hc.related) ?>
  <ul class="hc-related">
  <?cs each:r = Hc.related ?><li><a href="<?cs var:Site.base ?>/hc/articles/<?cs var:r.id ?>"><?cs var:r.title ?></a></li><?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:L.hc.no_related ?></p><?cs /if ?>
</aside>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
