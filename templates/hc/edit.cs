<?cs # hc/edit.cs - the staff editor of an article: Markdown or imported HTML, preview, settings, history. ?>
<?cs include:"macros.cs" ?>
<?cs def:check(name, label) ?><div class="field field-check"><input type="checkbox" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:Form[name] == "1" ?> checked<?cs /if ?>><label for="f-<?cs var:name ?>"><?cs var:label ?></label></div><?cs /def ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.hc.breadcrumbs ?>">
  <a href="<?cs var:Site.base ?>/hc"><?cs var:L.hc.title ?></a><?cs if:Edit.id != "0" ?> › <a href="<?cs var:Site.base ?>/hc/articles/<?cs var:Edit.id ?>"><?cs var:Form.title ?></a><?cs /if ?>
</nav>
<h1><?cs if:Edit.id != "0" ?><?cs var:L.hc.edit.edit ?><?cs else ?><?cs var:L.hc.edit.new ?><?cs /if ?></h1>
<?cs if:Edit.preview ?>
<section class="card hc-article hc-preview" aria-labelledby="hc-preview">
  <p class="badge badge-draft" id="hc-preview"><?cs var:L.hc.edit.preview ?></p>
  <h2><?cs var:Form.title ?></h2>
  <div class="hc-body"><?cs uvar:Edit.preview_html ?></div><?cs # reviewed-exception: rendered and sanitized by tr_markup_render (lib/hc/markup.c) ?>
</section>
<?cs /if ?>
<form class="card hc-editor" method="post" enctype="multipart/form-data" action="<?cs var:Site.base ?>/hc/articles/<?cs if:Edit.id != "0" ?><?cs var:Edit.id ?>/edit<?cs else ?>new<?cs /if ?>">
  <?cs call:csrf_field() ?>
  <?cs call:error_summary() ?>
  <?cs call:input("title", L.hc.edit.title, "text", "off", "") ?>
  <div class="field<?cs if:Form.errors.section ?> has-error<?cs /if ?>">
    <label for="f-section"><?cs var:L.hc.edit.section ?></label>
    <select id="f-section" name="section"<?cs if:Form.errors.section ?> aria-invalid="true" aria-describedby="err-section"<?cs /if ?>>
    <?cs each:s = Hc.sections ?><option value="<?cs var:s.id ?>"<?cs if:s.selected == "1" ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("section") ?>
  </div>
  <fieldset class="field">
    <legend><?cs var:L.hc.edit.format ?></legend>
    <label><input type="radio" name="format" value="markdown"<?cs if:Form.format != "html" ?> checked<?cs /if ?>> Markdown</label>
    <label><input type="radio" name="format" value="html"<?cs if:Form.format == "html" ?> checked<?cs /if ?>> <?cs var:L.hc.edit.html_import ?></label>
  </fieldset>
  <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
    <label for="f-body"><?cs var:L.hc.edit.body ?></label>
    <p class="field-hint" id="hint-body"><?cs var:L.hc.edit.markdown_hint ?></p>
    <textarea id="f-body" name="body" rows="18" aria-describedby="hint-body<?cs if:Form.errors.body ?> err-body<?cs /if ?>"><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <?cs if:Edit.images_added ?><p class="alert alert-ok" role="status"><?cs var:L.hc.edit.images_added ?></p><?cs /if ?>
  <div class="field<?cs if:Form.errors.images ?> has-error<?cs /if ?>">
    <label for="f-images"><?cs var:L.hc.edit.images ?></label>
    <p class="field-hint" id="hint-images"><?cs var:L.hc.edit.images_hint ?></p>
    <input id="f-images" type="file" name="images" accept="image/png,image/jpeg,image/gif,image/webp" multiple aria-describedby="hint-images<?cs if:Form.errors.images ?> err-images<?cs /if ?>">
    <?cs call:field_error("images") ?>
    <button class="btn btn-small" type="submit" name="preview" value="1"><?cs var:L.hc.edit.upload ?></button>
  </div>
  <?cs call:input("labels", L.hc.edit.labels, "text", "off", "") ?>
  <?cs call:check("published", L.hc.edit.published) ?>
  <?cs call:check("everyone", L.hc.edit.everyone) ?>
  <?cs call:check("promoted", L.hc.edit.promoted) ?>
  <?cs call:check("notice", L.hc.edit.notice) ?>
  <?cs call:input("urgent_until", L.hc.edit.urgent_until, "datetime-local", "off", L.hc.edit.urgent_hint) ?>
  <?cs call:input("position", L.hc.edit.position, "number", "off", "") ?>
  <?cs call:input("note", L.hc.edit.note, "text", "off", "") ?>
  <div class="form-actions">
    <button class="btn" type="submit" name="preview" value="1"><?cs var:L.hc.edit.preview ?></button>
    <button class="btn btn-primary" type="submit"><?cs var:L.hc.save ?></button>
  </div>
</form>
<?cs if:subcount(Edit.revisions) ?>
<section class="card hc-history" aria-labelledby="hc-history">
  <h2 id="hc-history"><?cs var:L.hc.edit.history ?></h2>
  <table class="table">
    <thead><tr><th scope="col"><?cs var:L.hc.edit.when ?></th><th scope="col"><?cs var:L.hc.edit.who ?></th><th scope="col"><?cs var:L.hc.edit.title ?></th><th scope="col"><?cs var:L.hc.edit.note ?></th><th scope="col"><?cs var:L.hc.edit.state ?></th></tr></thead>
    <tbody>
    <?cs each:r = Edit.revisions ?>
      <tr><td><time datetime="<?cs var:r.time_iso ?>"><?cs var:r.time ?></time></td><td><?cs var:r.editor ?></td><td><?cs var:r.title ?></td><td><?cs var:r.note ?></td><td><?cs if:r.published == "1" ?><?cs var:L.hc.edit.state_published ?><?cs else ?><?cs var:L.hc.draft ?><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
