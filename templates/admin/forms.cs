<?cs # admin/forms.cs - /admin/forms: the form editor - the list of forms and a new one (FormList), or one form
     (Edit) with its settings, its fields as rows and one field in the editor (new, or ?field=ID).
     A field's properties are one fieldset of checkboxes: a further flag is one more line there. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:text_field(fname, label, hint, maxlen) ?>
<div class="field<?cs if:Form.errors[fname] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:fname ?>"><?cs var:label ?></label>
  <?cs if:hint ?><p class="field-hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p><?cs /if ?>
  <input id="f-<?cs var:fname ?>" name="<?cs var:fname ?>" type="text" maxlength="<?cs var:maxlen ?>" value="<?cs var:Form[fname] ?>"<?cs if:Form.errors[fname] ?> aria-invalid="true" aria-describedby="err-<?cs var:fname ?>"<?cs elif:hint ?> aria-describedby="hint-<?cs var:fname ?>"<?cs /if ?>>
  <?cs call:field_error(fname) ?>
</div>
<?cs /def ?>
<?cs def:number_field(fname, label) ?>
<div class="field<?cs if:Form.errors[fname] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:fname ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:fname ?>" name="<?cs var:fname ?>" type="number" value="<?cs var:Form[fname] ?>"<?cs if:Form.errors[fname] ?> aria-invalid="true" aria-describedby="err-<?cs var:fname ?>"<?cs /if ?>>
  <?cs call:field_error(fname) ?>
</div>
<?cs /def ?>
<?cs def:area_field(fname, label, hint, rows) ?>
<div class="field<?cs if:Form.errors[fname] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:fname ?>"><?cs var:label ?></label>
  <p class="field-hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p>
  <textarea id="f-<?cs var:fname ?>" name="<?cs var:fname ?>" rows="<?cs var:rows ?>" aria-describedby="hint-<?cs var:fname ?><?cs if:Form.errors[fname] ?> err-<?cs var:fname ?><?cs /if ?>"<?cs if:Form.errors[fname] ?> aria-invalid="true"<?cs /if ?>><?cs var:Form[fname] ?></textarea>
  <?cs call:field_error(fname) ?>
</div>
<?cs /def ?>
<?cs def:flag(fname, label) ?><label class="check"><input type="checkbox" name="<?cs var:fname ?>" value="1"<?cs if:Form[fname] ?> checked<?cs /if ?>> <?cs var:label ?></label><?cs /def ?>

<?cs # the form's own settings (id 0: a new form) ?>
<?cs def:settings_form(id) ?>
<form class="card admin-form" method="post" action="<?cs var:Site.base ?>/admin/forms">
  <h2><?cs if:id ?><?cs var:L.admin.forms.settings ?><?cs else ?><?cs var:L.admin.forms.new ?><?cs /if ?></h2>
  <?cs call:csrf_field() ?>
  <input type="hidden" name="action" value="save_form"><input type="hidden" name="id" value="<?cs var:id ?>">
  <?cs call:text_field("slug", L.admin.forms.slug, L.admin.forms.slug_hint, 40) ?>
  <?cs call:text_field("title_de", L.admin.forms.title_de, "", 200) ?>
  <?cs call:text_field("title_en", L.admin.forms.title_en, "", 200) ?>
  <?cs call:text_field("help_de", L.admin.forms.help_de, "", 500) ?>
  <?cs call:text_field("help_en", L.admin.forms.help_en, "", 500) ?>
  <div class="field<?cs if:Form.errors.group ?> has-error<?cs /if ?>">
    <label for="f-group"><?cs var:L.admin.forms.group ?></label>
    <select id="f-group" name="group"<?cs if:Form.errors.group ?> aria-invalid="true" aria-describedby="err-group"<?cs /if ?>>
      <option value="0"><?cs var:L.admin.forms.choose_group ?></option>
      <?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:Form.group == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("group") ?>
  </div>
  <div class="field<?cs if:Form.errors.product ?> has-error<?cs /if ?>">
    <label for="f-product"><?cs var:L.admin.forms.product ?></label>
    <select id="f-product" name="product">
      <option value="0"><?cs var:L.admin.forms.no_product ?></option>
      <?cs each:p = Products ?><option value="<?cs var:p.id ?>"<?cs if:Form.product == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("product") ?>
  </div>
  <fieldset class="field plain-fieldset<?cs if:Form.errors.types ?> has-error<?cs /if ?>">
    <legend class="label"><?cs var:L.admin.forms.types ?></legend>
    <?cs each:t = L.type ?><label class="check"><input type="checkbox" name="types" value="<?cs var:name(t) ?>"<?cs if:Form.types.has[name(t)] ?> checked<?cs /if ?>> <?cs var:t ?></label> <?cs /each ?>
    <?cs call:field_error("types") ?>
  </fieldset>
  <?cs call:number_field("sort", L.admin.forms.sort) ?>
  <?cs call:flag("active", L.admin.forms.active) ?>
  <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:L.admin.save ?></button></div>
</form>
<?cs /def ?>

<?cs def:content() ?>
<?cs if:Edit.id ?>
<div class="page-head">
  <h1><?cs var:Edit.title ?><?cs if:!Edit.active ?> <span class="tag"><?cs var:L.admin.forms.inactive ?></span><?cs /if ?></h1>
  <span>
    <?cs if:Edit.active ?><a class="btn" href="<?cs var:Site.base ?>/requests/new?form=<?cs var:Edit.id ?>"><?cs var:L.admin.forms.preview ?></a><?cs /if ?>
    <a class="btn" href="<?cs var:Site.base ?>/admin/forms"><?cs var:L.admin.back ?></a>
  </span>
</div>
<?cs call:admin_nav() ?>
<?cs call:error_summary() ?>
<section class="admin-fields" aria-labelledby="fields-title">
  <h2 id="fields-title"><?cs var:L.admin.forms.fields ?></h2>
  <?cs if:subcount(Fields) ?>
  <div class="table-wrap"><table class="tickets">
    <thead><tr>
      <th scope="col"><?cs var:L.admin.forms.field_sort ?></th><th scope="col"><?cs var:L.admin.forms.key ?></th>
      <th scope="col"><?cs var:L.admin.forms.label_de ?></th><th scope="col"><?cs var:L.admin.forms.kind ?></th>
      <th scope="col"><?cs var:L.admin.forms.flags ?></th><th scope="col"><?cs var:L.admin.forms.conditions ?></th><th scope="col"></th>
    </tr></thead>
    <tbody>
    <?cs each:f = Fields ?>
    <tr id="field-<?cs var:f.id ?>"<?cs if:Form.field == f.id ?> class="is-current"<?cs /if ?>>
      <td data-label="<?cs var:L.admin.forms.field_sort ?>"><?cs var:f.sort ?></td>
      <td data-label="<?cs var:L.admin.forms.key ?>"><code><?cs var:f.key ?></code></td>
      <td data-label="<?cs var:L.admin.forms.label_de ?>"><?cs var:f.label ?></td>
      <td data-label="<?cs var:L.admin.forms.kind ?>"><?cs var:L.admin.forms.kinds[f.kind] ?><?cs if:f.noptions > 0 ?> (<?cs var:f.noptions ?>)<?cs /if ?></td>
      <td data-label="<?cs var:L.admin.forms.flags ?>"><?cs if:f.required ?><span class="tag"><?cs var:L.admin.forms.required ?></span> <?cs /if ?><?cs if:f.routing ?><span class="tag"><?cs var:L.admin.forms.routing ?></span> <?cs /if ?><?cs if:f.needs_approval ?><span class="tag"><?cs var:L.admin.forms.needs_approval_tag ?></span><?cs /if ?></td>
      <td data-label="<?cs var:L.admin.forms.conditions ?>"><?cs if:f.conditions ?><code><?cs var:f.conditions ?></code><?cs else ?><span class="muted"><?cs var:L.admin.forms.always ?></span><?cs /if ?></td>
      <td><a class="btn btn-compact" href="<?cs var:Site.base ?>/admin/forms?id=<?cs var:Edit.id ?>&amp;field=<?cs var:f.id ?>#field-form"><?cs var:L.admin.forms.edit ?><span class="visually-hidden">: <?cs var:f.key ?></span></a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:L.admin.forms.no_fields ?></p><?cs /if ?>
</section>
<div class="admin-layout">
  <form class="card admin-form" id="field-form" method="post" action="<?cs var:Site.base ?>/admin/forms">
    <h2><?cs if:Form.field > 0 ?><?cs var:L.admin.forms.field_edit ?><?cs else ?><?cs var:L.admin.forms.field_new ?><?cs /if ?></h2>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="action" value="save_field"><input type="hidden" name="id" value="<?cs var:Edit.id ?>">
    <input type="hidden" name="field" value="<?cs if:Form.field ?><?cs var:Form.field ?><?cs else ?>0<?cs /if ?>">
    <?cs call:text_field("key", L.admin.forms.key, L.admin.forms.key_hint, 40) ?>
    <div class="field<?cs if:Form.errors.kind ?> has-error<?cs /if ?>">
      <label for="f-kind"><?cs var:L.admin.forms.kind ?></label>
      <select id="f-kind" name="kind"><?cs each:k = L.admin.forms.kinds ?><option value="<?cs var:name(k) ?>"<?cs if:Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
      <?cs call:field_error("kind") ?>
    </div>
    <?cs call:text_field("label_de", L.admin.forms.label_de, "", 200) ?>
    <?cs call:text_field("label_en", L.admin.forms.label_en, "", 200) ?>
    <?cs call:text_field("field_help_de", L.admin.forms.field_help_de, "", 500) ?>
    <?cs call:text_field("field_help_en", L.admin.forms.field_help_en, "", 500) ?>
    <fieldset class="field plain-fieldset">
      <legend class="label"><?cs var:L.admin.forms.flags ?></legend>
      <?cs call:flag("required", L.admin.forms.required) ?>
      <?cs call:flag("routing", L.admin.forms.routing) ?>
      <?cs call:flag("needs_approval", L.admin.forms.needs_approval) ?>
    </fieldset>
    <div class="change-row">
      <?cs call:number_field("max_length", L.admin.forms.max_length) ?>
      <?cs call:number_field("min_value", L.admin.forms.min_value) ?>
      <?cs call:number_field("max_value", L.admin.forms.max_value) ?>
      <?cs call:number_field("field_sort", L.admin.forms.field_sort) ?>
    </div>
    <?cs call:area_field("options", L.admin.forms.options, L.admin.forms.options_hint, 6) ?>
    <?cs call:area_field("conditions", L.admin.forms.conditions, L.admin.forms.conditions_hint, 2) ?>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit"><?cs var:L.admin.forms.save_field ?></button>
      <?cs if:Form.field > 0 ?><button class="btn btn-danger" type="submit" name="action" value="delete_field"><?cs var:L.admin.forms.delete ?></button><?cs /if ?>
    </div>
  </form>
  <?cs call:settings_form(Edit.id) ?>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs else ?>
<div class="page-head"><h1><?cs var:L.admin.forms.title ?></h1></div>
<?cs call:admin_nav() ?>
<p class="lead"><?cs var:L.admin.forms.lead ?></p>
<?cs call:error_summary() ?>
<div class="admin-layout">
  <section aria-labelledby="forms-title">
    <h2 id="forms-title" class="visually-hidden"><?cs var:L.admin.forms.title ?></h2>
    <div class="table-wrap"><table class="tickets">
      <thead><tr><th scope="col"><?cs var:L.admin.forms.sort ?></th><th scope="col"><?cs var:L.admin.forms.title_de ?></th><th scope="col"><?cs var:L.admin.forms.group ?></th><th scope="col"><?cs var:L.admin.forms.nfields ?></th><th scope="col"><?cs var:L.admin.users.state ?></th></tr></thead>
      <tbody>
      <?cs each:f = FormList ?>
      <tr id="form-<?cs var:f.id ?>">
        <td data-label="<?cs var:L.admin.forms.sort ?>"><?cs var:f.sort ?></td>
        <td data-label="<?cs var:L.admin.forms.title_de ?>"><a href="<?cs var:Site.base ?>/admin/forms?id=<?cs var:f.id ?>"><?cs var:f.title ?></a> <code><?cs var:f.slug ?></code></td>
        <td data-label="<?cs var:L.admin.forms.group ?>"><?cs each:g = Groups ?><?cs if:g.id == f.group ?><?cs var:g.name ?><?cs /if ?><?cs /each ?></td>
        <td data-label="<?cs var:L.admin.forms.nfields ?>"><?cs var:f.nfields ?></td>
        <td data-label="<?cs var:L.admin.users.state ?>"><?cs if:f.active ?><?cs var:L.admin.users.active ?><?cs else ?><span class="tag"><?cs var:L.admin.forms.inactive ?></span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table></div>
  </section>
  <?cs call:settings_form(0) ?>
</div>
<?cs call:admin_audit(L.admin.audit.title) ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
