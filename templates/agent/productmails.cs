<?cs # agent/productmails.cs - /agent/product-mails: write a product information mail (German and/or English,
     Markdown), choose its products, preview it, send it; the mails sent so far (R-APPR). ?>
<?cs include:"macros.cs" ?>
<?cs def:text_fields(lang) ?>
  <fieldset class="pmail-lang">
    <legend><?cs var:L.pmail.lang[lang] ?></legend>
    <div class="field<?cs if:Form.errors["subject_" + lang] ?> has-error<?cs /if ?>">
      <label for="f-subject-<?cs var:lang ?>"><?cs var:L.pmail.subject ?></label>
      <input type="text" id="f-subject-<?cs var:lang ?>" name="subject_<?cs var:lang ?>" maxlength="200" value="<?cs var:Form["subject_" + lang] ?>"<?cs if:Form.errors["subject_" + lang] ?> aria-invalid="true" aria-describedby="err-subject_<?cs var:lang ?>"<?cs /if ?>>
      <?cs call:field_error("subject_" + lang) ?>
    </div>
    <div class="field<?cs if:Form.errors["body_" + lang] ?> has-error<?cs /if ?>">
      <label for="f-body-<?cs var:lang ?>"><?cs var:L.pmail.body ?></label>
      <textarea id="f-body-<?cs var:lang ?>" name="body_<?cs var:lang ?>" rows="10" maxlength="100000"<?cs if:Form.errors["body_" + lang] ?> aria-invalid="true" aria-describedby="err-body_<?cs var:lang ?>"<?cs /if ?>><?cs var:Form["body_" + lang] ?></textarea>
      <?cs call:field_error("body_" + lang) ?>
    </div>
  </fieldset>
<?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:L.pmail.title ?></h1>
</div>
<p class="lead"><?cs var:L.pmail.lead ?></p>
<div class="pmail-layout">
  <form class="card pmail-form" method="post" action="<?cs var:Site.base ?>/agent/product-mails">
    <?cs call:csrf_field() ?>
    <?cs call:error_summary() ?>
    <fieldset class="field<?cs if:Form.errors.product ?> has-error<?cs /if ?>"<?cs if:Form.errors.product ?> aria-describedby="err-product"<?cs /if ?>>
      <legend><?cs var:L.pmail.products ?></legend>
      <label class="check"><input type="checkbox" name="all" value="1"<?cs if:Form.all == "1" ?> checked<?cs /if ?>> <?cs var:L.pmail.all_products ?></label>
      <?cs each:p = Products ?>
      <label class="check"><input type="checkbox" name="product" value="<?cs var:p.id ?>"<?cs if:p.checked == "1" ?> checked<?cs /if ?>> <?cs var:p.name ?></label>
      <?cs /each ?>
      <?cs call:field_error("product") ?>
    </fieldset>
    <p class="field-hint"><?cs var:L.pmail.lang_hint ?></p>
    <?cs call:text_fields("de") ?>
    <?cs call:text_fields("en") ?>
    <p class="field-hint"><?cs var:L.pmail.markdown_hint ?></p>
    <div class="reply-actions">
      <button class="btn" type="submit" name="action" value="preview"><?cs var:L.pmail.preview ?></button>
      <?cs if:Preview.draft ?><input type="hidden" name="draft" value="<?cs var:Preview.draft ?>"><?cs /if ?>
      <?cs if:Preview.recipients ?><button class="btn btn-primary" type="submit" name="action" value="send"><?cs var:subst(L.pmail.send, Preview.recipients) ?></button><?cs /if ?>
    </div>
  </form>
  <?cs if:Preview.de.subject ?>
  <section class="pmail-preview" aria-labelledby="preview-title">
    <h2 id="preview-title"><?cs var:L.pmail.preview_title ?></h2>
    <p><?cs var:subst(L.pmail.preview_count, Preview.recipients) ?></p>
    <?cs each:pv = Preview ?><?cs if:pv.subject ?>
    <div class="card pmail-preview-lang">
      <h3><?cs var:L.pmail.lang[name(pv)] ?>: <?cs var:pv.subject ?></h3>
      <div class="pmail-body"><?cs uvar:pv.html ?></div><?cs # reviewed-exception: cmark-gfm output without raw HTML (CMARK_OPT_DEFAULT, no UNSAFE) ?>
      <details><summary><?cs var:L.pmail.preview_text ?></summary><pre class="pmail-text"><?cs var:pv.text ?></pre></details>
    </div>
    <?cs /if ?><?cs /each ?>
  </section>
  <?cs /if ?>
</div>
<section aria-labelledby="sent-title">
  <h2 id="sent-title"><?cs var:L.pmail.sent_title ?></h2>
  <?cs if:subcount(Sent) ?>
  <table class="table pmail-table">
    <thead><tr><th scope="col"><?cs var:L.pmail.subject ?></th><th scope="col"><?cs var:L.pmail.products ?></th><th scope="col"><?cs var:L.pmail.recipients ?></th><th scope="col"><?cs var:L.pmail.sent_at ?></th></tr></thead>
    <tbody>
    <?cs each:s = Sent ?>
      <tr><td><a href="<?cs var:Site.base ?>/agent/product-mails/<?cs var:s.id ?>"><?cs var:s.subject ?></a></td><td><?cs var:s.products ?></td><td><?cs var:s.recipients ?></td><td><time datetime="<?cs var:s.sent_iso ?>"><?cs var:s.sent ?></time><?cs if:s.author ?> · <?cs var:s.author ?><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?>
  <p class="card empty-state"><?cs var:L.pmail.none_sent ?></p>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
