<?cs # agent/macros.cs - the macro page: the list and the form to write or change one (own macros at /agent/macros,
     the shared ones at /admin/macros, which includes this file). ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Page.title ?></h1>
  <?cs if:Form.id ?><a class="btn" href="<?cs var:Site.base ?><?cs var:MacroPage.path ?>"><?cs var:L.macros.new ?></a><?cs /if ?>
</div>
<?cs if:MacroPage.shared == "1" ?><?cs call:admin_nav() ?><?cs /if ?>
<p class="lead"><?cs if:MacroPage.shared == "1" ?><?cs var:L.macros.intro_shared ?><?cs else ?><?cs var:L.macros.intro_own ?><?cs /if ?></p>
<div class="macro-layout">
  <section aria-labelledby="macro-list-title">
    <h2 id="macro-list-title"><?cs if:MacroPage.shared == "1" ?><?cs var:L.macros.list_shared ?><?cs else ?><?cs var:L.macros.list_own ?><?cs /if ?></h2>
    <?cs if:subcount(MacroList) ?>
    <ul class="macro-list">
    <?cs each:m = MacroList ?>
      <li class="card macro-item<?cs if:m.visibility == "internal" ?> is-internal<?cs /if ?>">
        <div class="macro-item-head">
          <strong><?cs var:m.title ?></strong>
          <span class="macro-changes">
            <?cs if:m.visibility == "internal" ?><span class="tag tag-internal"><?cs var:L.agent.internal_note ?></span><?cs /if ?>
            <?cs if:m.status ?><span class="badge status-<?cs var:m.status ?>"><?cs var:L.status[m.status] ?></span><?cs /if ?>
            <?cs if:m.priority ?><span class="prio prio-<?cs var:m.priority ?>"><?cs var:L.priority[m.priority] ?></span><?cs /if ?>
          </span>
        </div>
        <p class="macro-excerpt"><?cs var:m.excerpt ?></p>
        <div class="macro-actions">
          <a class="btn btn-compact" href="<?cs var:Site.base ?><?cs var:MacroPage.path ?>?edit=<?cs var:m.id ?>#macro-form"><?cs var:L.macros.edit ?></a>
          <form method="post" action="<?cs var:Site.base ?><?cs var:MacroPage.path ?>">
            <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:m.id ?>">
            <button class="btn btn-compact btn-danger" type="submit" name="action" value="delete"><?cs var:L.macros.delete ?></button>
          </form>
        </div>
      </li>
    <?cs /each ?>
    </ul>
    <?cs else ?>
    <p class="card empty-state"><?cs var:L.macros.empty ?></p>
    <?cs /if ?>
    <?cs if:MacroPage.shared != "1" && subcount(Macros) ?>
    <h2 class="macro-shared-title"><?cs var:L.macros.list_shared ?></h2>
    <ul class="plain-list">
      <?cs each:m = Macros ?><?cs if:m.shared ?><li><?cs var:m.title ?></li><?cs /if ?><?cs /each ?>
    </ul>
    <?cs /if ?>
  </section>

  <form class="card macro-form" id="macro-form" method="post" action="<?cs var:Site.base ?><?cs var:MacroPage.path ?>">
    <h2><?cs if:Form.id ?><?cs var:L.macros.edit_title ?><?cs else ?><?cs var:L.macros.new_title ?><?cs /if ?></h2>
    <?cs call:csrf_field() ?>
    <?cs call:error_summary() ?>
    <input type="hidden" name="action" value="save">
    <?cs if:Form.id ?><input type="hidden" name="id" value="<?cs var:Form.id ?>"><?cs /if ?>
    <?cs call:input("title", L.macros.title, "text", "off", "") ?>
    <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
      <label for="f-body"><?cs var:L.macros.body ?></label>
      <p class="field-hint" id="hint-body"><?cs var:L.macros.placeholders ?></p>
      <textarea id="f-body" name="body" rows="8" maxlength="20000" aria-describedby="hint-body<?cs if:Form.errors.body ?> err-body<?cs /if ?>"<?cs if:Form.errors.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea>
      <?cs call:field_error("body") ?>
    </div>
    <fieldset class="field plain-fieldset">
      <legend class="label"><?cs var:L.agent.visibility ?></legend>
      <div class="segmented">
        <label><input type="radio" name="visibility" value="public"<?cs if:Form.visibility != "internal" ?> checked<?cs /if ?>> <?cs var:L.agent.public_reply ?></label>
        <label><input type="radio" name="visibility" value="internal"<?cs if:Form.visibility == "internal" ?> checked<?cs /if ?>> <?cs var:L.agent.internal_note ?></label>
      </div>
    </fieldset>
    <div class="change-row">
      <label><span><?cs var:L.macros.set_status ?></span>
        <select name="set_status">
          <option value=""><?cs var:L.macros.unchanged ?></option>
          <?cs each:s = L.agent.statuses ?><option value="<?cs var:name(s) ?>"<?cs if:Form.set_status == name(s) ?> selected<?cs /if ?>><?cs var:L.status[name(s)] ?></option><?cs /each ?>
        </select>
      </label>
      <label><span><?cs var:L.macros.set_priority ?></span>
        <select name="set_priority">
          <option value=""><?cs var:L.macros.unchanged ?></option>
          <?cs each:s = L.priority ?><option value="<?cs var:name(s) ?>"<?cs if:Form.set_priority == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
        </select>
      </label>
      <label class="<?cs if:Form.errors.set_group ?>has-error<?cs /if ?>"><span><?cs var:L.macros.set_group ?></span>
        <select name="set_group">
          <option value="0"><?cs var:L.macros.unchanged ?></option>
          <?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:Form.set_group == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
        </select>
      </label>
      <label><span><?cs var:L.macros.sort ?></span><input type="number" name="sort" min="0" max="10000" value="<?cs if:Form.sort ?><?cs var:Form.sort ?><?cs else ?>0<?cs /if ?>"></label>
    </div>
    <?cs call:field_error("set_group") ?>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit"><?cs var:L.macros.save ?></button>
    </div>
  </form>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
