<?cs # newrequest.cs - "Anfrage stellen": the form chooser, then one request form built from its definition (NewForm). ?>
<?cs include:"macros.cs" ?>

<?cs def:req_mark(on) ?><?cs if:on == "1" ?> <span class="req" aria-hidden="true">*</span><?cs /if ?><?cs /def ?>
<?cs def:described(name, hint) ?><?cs if:Form.errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs elif:hint ?> aria-describedby="hint-<?cs var:name ?>"<?cs /if ?><?cs /def ?>

<?cs # one field of the form definition; conditional ones carry data-show-when for the script ?>
<?cs def:form_field(f) ?>
<?cs if:f.kind == "multiselect" ?>
<fieldset class="field field-group<?cs if:Form.errors[f.name] ?> has-error<?cs /if ?>"<?cs if:Form.errors[f.name] ?> aria-describedby="err-<?cs var:f.name ?>"<?cs elif:f.help ?> aria-describedby="hint-<?cs var:f.name ?>"<?cs /if ?><?cs if:f.show_when ?> data-show-when="<?cs var:f.show_when ?>"<?cs /if ?>>
  <legend><?cs var:f.label ?><?cs call:req_mark(f.required) ?></legend>
  <?cs if:f.help ?><p class="field-hint" id="hint-<?cs var:f.name ?>"><?cs var:f.help ?></p><?cs /if ?>
  <?cs if:f.show_when_text ?><p class="field-hint field-when"><?cs var:f.show_when_text ?></p><?cs /if ?>
  <div class="check-row">
  <?cs each:o = f.options ?>
    <label class="check"><input<?cs if:first(o) ?> id="f-<?cs var:f.name ?>"<?cs /if ?> type="checkbox" name="<?cs var:f.name ?>" value="<?cs var:o.value ?>"<?cs if:Form[f.name].has[o.value] ?> checked<?cs /if ?>> <?cs var:o.label ?></label>
  <?cs /each ?>
  </div>
  <?cs call:field_error(f.name) ?>
</fieldset>
<?cs elif:f.kind == "checkbox" ?>
<div class="field<?cs if:Form.errors[f.name] ?> has-error<?cs /if ?>"<?cs if:f.show_when ?> data-show-when="<?cs var:f.show_when ?>"<?cs /if ?>>
  <label class="check check-strong"><input id="f-<?cs var:f.name ?>" type="checkbox" name="<?cs var:f.name ?>" value="1"<?cs if:Form[f.name] == "1" ?> checked<?cs /if ?><?cs call:described(f.name, f.help) ?>> <?cs var:f.label ?></label>
  <?cs if:f.help ?><p class="field-hint" id="hint-<?cs var:f.name ?>"><?cs var:f.help ?></p><?cs /if ?>
  <?cs call:field_error(f.name) ?>
</div>
<?cs else ?>
<div class="field<?cs if:Form.errors[f.name] ?> has-error<?cs /if ?>"<?cs if:f.show_when ?> data-show-when="<?cs var:f.show_when ?>"<?cs /if ?>>
  <label for="f-<?cs var:f.name ?>"><?cs var:f.label ?><?cs call:req_mark(f.required) ?><?cs if:f.required != "1" ?> <span class="muted optional">(<?cs var:L.newreq.optional ?>)</span><?cs /if ?></label>
  <?cs if:f.help ?><p class="field-hint" id="hint-<?cs var:f.name ?>"><?cs var:f.help ?></p><?cs /if ?>
  <?cs if:f.show_when_text ?><p class="field-hint field-when"><?cs var:f.show_when_text ?></p><?cs /if ?>
  <?cs if:f.kind == "select" ?>
  <select id="f-<?cs var:f.name ?>" name="<?cs var:f.name ?>"<?cs if:f.html_required == "1" ?> required<?cs /if ?><?cs call:described(f.name, f.help) ?>>
    <option value=""><?cs var:L.newreq.choose_option ?></option>
    <?cs each:o = f.options ?><option value="<?cs var:o.value ?>"<?cs if:Form[f.name] == o.value ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?>
  </select>
  <?cs elif:f.kind == "textarea" ?>
  <textarea id="f-<?cs var:f.name ?>" name="<?cs var:f.name ?>" rows="4" maxlength="<?cs var:f.max ?>"<?cs if:f.html_required == "1" ?> required<?cs /if ?><?cs call:described(f.name, f.help) ?>><?cs var:Form[f.name] ?></textarea>
  <?cs elif:f.kind == "date" ?>
  <input id="f-<?cs var:f.name ?>" name="<?cs var:f.name ?>" type="date" value="<?cs var:Form[f.name] ?>"<?cs if:f.html_required == "1" ?> required<?cs /if ?><?cs call:described(f.name, f.help) ?>>
  <?cs elif:f.kind == "number" ?>
  <input id="f-<?cs var:f.name ?>" name="<?cs var:f.name ?>" type="number" inputmode="numeric" step="1" min="<?cs var:f.min ?>"<?cs if:f.max ?> max="<?cs var:f.max ?>"<?cs /if ?> value="<?cs var:Form[f.name] ?>"<?cs if:f.html_required == "1" ?> required<?cs /if ?><?cs call:described(f.name, f.help) ?>>
  <?cs else ?>
  <input id="f-<?cs var:f.name ?>" name="<?cs var:f.name ?>" type="text" maxlength="<?cs var:f.max ?>" value="<?cs var:Form[f.name] ?>"<?cs if:f.html_required == "1" ?> required<?cs /if ?><?cs call:described(f.name, f.help) ?>>
  <?cs /if ?>
  <?cs call:field_error(f.name) ?>
</div>
<?cs /if ?>
<?cs /def ?>

<?cs def:chooser() ?>
<div class="page-head"><h1><?cs var:L.newreq.title ?></h1></div>
<p class="lead"><?cs var:L.newreq.lead ?></p>
<?cs if:subcount(Forms) ?>
<section class="cards form-cards" aria-label="<?cs var:L.newreq.forms ?>">
  <?cs each:f = Forms ?>
  <a class="card card-link form-card" href="<?cs var:Site.base ?>/requests/new?form=<?cs var:f.id ?>">
    <span class="card-icon icon-form-<?cs var:f.slug ?>" aria-hidden="true"></span>
    <h2><?cs var:f.title ?></h2>
    <p><?cs var:f.help ?></p>
  </a>
  <?cs /each ?>
</section>
<?cs else ?>
<div class="card empty-state"><p><?cs var:L.newreq.no_forms ?></p></div>
<?cs /if ?>
<?cs /def ?>

<?cs def:suggestion_list() ?>
<div class="suggestions" id="suggestions" aria-live="polite"<?cs if:!subcount(Suggestions) ?> hidden<?cs /if ?>>
  <p class="suggestions-title"><?cs var:L.newreq.suggestions ?></p>
  <ul>
  <?cs each:s = Suggestions ?>
    <li><a href="<?cs var:Site.base ?><?cs var:s.url ?>"><?cs var:s.title ?></a><p><?cs var:s.snippet ?></p></li>
  <?cs /each ?>
  </ul>
</div>
<?cs /def ?>

<?cs def:request_form() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.ticket.breadcrumb ?>">
  <a href="<?cs var:Site.base ?>/requests/new"><?cs var:L.newreq.title ?></a> <span aria-hidden="true">›</span> <span><?cs var:NewForm.title ?></span>
</nav>
<div class="page-head">
  <h1><?cs var:NewForm.title ?></h1>
  <a href="<?cs var:Site.base ?>/requests/new"><?cs var:L.newreq.other_form ?></a>
</div>
<p class="lead"><?cs var:NewForm.help ?></p>
<div class="new-request-layout">
<form class="card new-request" method="post" action="<?cs var:Site.base ?>/requests/new?form=<?cs var:NewForm.id ?>" enctype="multipart/form-data" data-suggest-url="<?cs var:Site.base ?>/hc/suggest">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="form_token" value="<?cs var:Form.form_token ?>">
  <input type="hidden" name="suggested" id="f-suggested" value="<?cs if:Form.suggested || NewRequest.suggest_step ?>1<?cs /if ?>">
  <?cs if:NewRequest.suggest_step ?>
  <div class="alert alert-info" role="status"><strong><?cs var:L.newreq.suggest_title ?></strong><br><?cs var:L.newreq.suggest_text ?></div>
  <?cs else ?>
  <?cs call:error_summary() ?>
  <?cs /if ?>
  <p class="muted small"><?cs var:L.newreq.required_note ?></p>

  <div class="field<?cs if:Form.errors.subject ?> has-error<?cs /if ?>">
    <label for="f-subject"><?cs var:L.newreq.subject ?><?cs call:req_mark("1") ?></label>
    <p class="field-hint" id="hint-subject"><?cs var:L.newreq.subject_hint ?></p>
    <input id="f-subject" name="subject" type="text" maxlength="200" value="<?cs var:Form.subject ?>" required autocomplete="off"<?cs call:described("subject", "1") ?>>
    <?cs call:field_error("subject") ?>
    <?cs call:suggestion_list() ?>
  </div>

  <fieldset class="field type-choice<?cs if:Form.errors.type ?> has-error<?cs /if ?>"<?cs if:Form.errors.type ?> aria-describedby="err-type"<?cs /if ?>>
    <legend><?cs var:L.newreq.type ?><?cs call:req_mark("1") ?></legend>
    <div class="choice-row">
    <?cs each:t = NewForm.types ?>
      <label class="choice"><input<?cs if:first(t) ?> id="f-type"<?cs /if ?> type="radio" name="type" value="<?cs var:t ?>"<?cs if:Form.type == t ?> checked<?cs /if ?> required>
        <span><strong><?cs var:L.type[t] ?></strong><small><?cs var:L.newreq.type_help[t] ?></small></span></label>
    <?cs /each ?>
    </div>
    <?cs call:field_error("type") ?>
  </fieldset>

  <div class="field<?cs if:Form.errors.description ?> has-error<?cs /if ?>">
    <label for="f-description"><?cs var:L.newreq.description ?><?cs call:req_mark("1") ?></label>
    <p class="field-hint" id="hint-description"><?cs var:L.newreq.description_hint ?></p>
    <textarea id="f-description" name="description" rows="7" maxlength="65000" required<?cs call:described("description", "1") ?>><?cs var:Form.description ?></textarea>
    <?cs call:field_error("description") ?>
  </div>

  <?cs if:subcount(NewForm.fields) ?>
  <fieldset class="form-details">
    <legend><?cs var:L.newreq.details ?></legend>
    <?cs each:f = NewForm.fields ?><?cs call:form_field(f) ?><?cs /each ?>
  </fieldset>
  <?cs /if ?>

  <div class="urgency<?cs if:Form.errors.urgent_reason ?> has-error<?cs /if ?>">
    <label class="check check-strong"><input id="f-urgent" type="checkbox" name="urgent" value="1"<?cs if:Form.urgent == "1" ?> checked<?cs /if ?> aria-describedby="hint-urgent"> <?cs var:L.newreq.urgent ?></label>
    <p class="field-hint" id="hint-urgent"><?cs var:L.newreq.urgent_hint ?></p>
    <div class="field" data-show-when="urgent=1">
      <label for="f-urgent_reason"><?cs var:L.newreq.urgent_reason ?></label>
      <p class="field-hint" id="hint-urgent_reason"><?cs var:L.newreq.urgent_reason_hint ?></p>
      <textarea id="f-urgent_reason" name="urgent_reason" rows="3" maxlength="2000"<?cs call:described("urgent_reason", "1") ?>><?cs var:Form.urgent_reason ?></textarea>
      <?cs call:field_error("urgent_reason") ?>
    </div>
  </div>

  <div class="field<?cs if:Form.errors.cc ?> has-error<?cs /if ?>">
    <label for="f-cc"><?cs var:L.newreq.cc ?> <span class="muted optional">(<?cs var:L.newreq.optional ?>)</span></label>
    <p class="field-hint" id="hint-cc"><?cs var:L.newreq.cc_hint ?></p>
    <div class="combo">
      <input id="f-cc" name="cc" type="text" maxlength="2000" autocomplete="off" value="<?cs var:Form.cc ?>" data-suggest-url="<?cs var:Site.base ?>/requests/colleagues"<?cs call:described("cc", "1") ?>>
      <ul id="cc-options" class="combo-list" role="listbox" aria-label="<?cs var:L.newreq.cc_matches ?>" hidden></ul>
    </div>
    <?cs call:field_error("cc") ?>
  </div>

  <div class="field">
    <span class="label" id="label-attachments"><?cs var:L.newreq.attachments ?> <span class="muted optional">(<?cs var:L.newreq.optional ?>)</span></span>
    <?cs if:subcount(NewRequest.pending) ?>
    <p class="field-hint"><?cs var:L.newreq.kept ?></p>
    <ul class="chips kept-files">
    <?cs each:p = NewRequest.pending ?>
      <li class="chip"><span class="chip-icon" aria-hidden="true"></span><?cs var:p.name ?> <span class="muted">(<?cs var:p.size ?>)</span>
        <label class="chip-remove"><input type="checkbox" name="remove" value="<?cs var:p.id ?>"> <?cs var:L.newreq.remove ?></label></li>
    <?cs /each ?>
    </ul>
    <?cs /if ?>
    <div class="dropzone">
      <span class="dropzone-icon" aria-hidden="true"></span>
      <span class="dropzone-text"><?cs var:L.newreq.drop ?></span>
      <span class="dropzone-hint"><?cs var:subst(L.newreq.drop_hint, NewRequest.max_file) ?></span>
      <input id="f-attachments" type="file" name="attachments" multiple aria-labelledby="label-attachments" data-remove-label="<?cs var:L.newreq.remove_file ?>">
    </div>
    <ul class="chips pending-files" aria-live="polite"></ul>
  </div>

  <div class="form-actions">
    <button class="btn btn-primary" type="submit"><?cs if:NewRequest.suggest_step ?><?cs var:L.newreq.suggest_submit ?><?cs else ?><?cs var:L.newreq.submit ?><?cs /if ?></button>
  </div>
</form>
<aside class="card request-tips" aria-labelledby="tips-title">
  <h2 id="tips-title"><?cs var:L.newreq.tips_title ?></h2>
  <p><?cs var:L.newreq.tips_complete ?></p>
  <h3><?cs var:L.newreq.tips_priority ?></h3>
  <dl class="priority-table">
    <?cs each:t = NewForm.types ?><dt><?cs var:L.type[t] ?></dt><dd><?cs var:L.priority[NewForm.priority[t]] ?></dd><?cs /each ?>
    <dt><?cs var:L.newreq.tips_urgent_row ?></dt><dd><?cs var:L.priority.high ?></dd>
  </dl>
  <p class="muted"><?cs var:L.newreq.tips_urgent ?></p>
  <p><a href="<?cs var:Site.base ?>/hc"><?cs var:L.newreq.tips_hc ?></a></p>
</aside>
</div>
<script src="<?cs var:Site.base ?><?cs var:Assets.newrequest_js ?>" defer></script>
<?cs /def ?>

<?cs def:content() ?>
<?cs if:NewForm.id ?>
<?cs call:request_form() ?>
<?cs else ?>
<?cs call:chooser() ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
