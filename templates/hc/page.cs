<?cs # hc/page.cs - a legal or static page; for staff with ?edit=1 the editor (Markdown, preview). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<article class="hc-article card hc-static">
  <h1><?cs if:Hc.page.title ?><?cs var:Hc.page.title ?><?cs else ?><?cs var:Hc.page.slug ?><?cs /if ?></h1>
  <?cs if:Hc.page.placeholder == "1" ?><div class="alert alert-warn" role="note"><?cs var:L.hc.placeholder ?></div><?cs /if ?>
  <?cs if:Hc.preview ?><p class="badge badge-draft"><?cs var:L.hc.edit.preview ?></p><?cs /if ?>
  <div class="hc-body"><?cs uvar:Hc.page.body ?></div><?cs # reviewed-exception: rendered by tr_markdown_html and sanitized (lib/hc/markup.c) ?>
  <?cs if:Hc.page.updated ?><p class="meta"><?cs var:L.hc.updated ?> <?cs var:Hc.page.updated ?></p><?cs /if ?>
  <?cs if:Hc.staff && !Hc.editing ?><p class="hc-staff-actions"><a class="btn btn-small" href="<?cs var:Site.base ?><?cs var:Hc.page.path ?>?edit=1"><?cs var:L.hc.edit.edit ?></a></p><?cs /if ?>
</article>
<?cs if:Hc.editing ?>
<form class="card hc-editor" method="post" action="<?cs var:Site.base ?><?cs var:Hc.page.path ?>">
  <?cs call:csrf_field() ?>
  <?cs call:form_alert() ?>
  <?cs call:input("title", L.hc.edit.title, "text", "off", "") ?>
  <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
    <label for="f-body"><?cs var:L.hc.edit.body ?></label>
    <p class="field-hint" id="hint-body"><?cs var:L.hc.edit.markdown_hint ?></p>
    <textarea id="f-body" name="body" rows="16" aria-describedby="hint-body"><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <div class="form-actions">
    <button class="btn" type="submit" name="preview" value="1"><?cs var:L.hc.edit.preview ?></button>
    <button class="btn btn-primary" type="submit"><?cs var:L.hc.save ?></button>
  </div>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
