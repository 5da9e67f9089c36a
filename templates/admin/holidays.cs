<?cs # admin/holidays.cs - /admin/holidays: the business-day calendar of one year - the computed
     holidays, the staff's own days (regional holidays, company days) with a form to add and remove. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:L.holidays.title ?> <?cs var:Holidays.year ?></h1>
  <nav class="pager" aria-label="<?cs var:L.holidays.years ?>">
    <a class="btn" rel="prev" href="<?cs var:Site.base ?>/admin/holidays?year=<?cs var:Holidays.prev ?>">← <?cs var:Holidays.prev ?></a>
    <a class="btn" rel="next" href="<?cs var:Site.base ?>/admin/holidays?year=<?cs var:Holidays.next ?>"><?cs var:Holidays.next ?> →</a>
  </nav>
</div>
<p class="lead"><?cs var:L.holidays.lead ?></p>
<div class="holidays-layout">
  <section class="card" aria-labelledby="own-title">
    <h2 id="own-title"><?cs var:L.holidays.own ?></h2>
    <?cs if:subcount(Holidays.own) ?>
    <ul class="holiday-list">
      <?cs each:h = Holidays.own ?>
      <li><time datetime="<?cs var:h.day ?>"><?cs var:h.day ?></time> <?cs var:h.name ?> <span class="muted">(<?cs var:L.holidays.kind[h.kind] ?>)</span>
        <form method="post" action="<?cs var:Site.base ?>/admin/holidays" class="inline-form">
          <?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="id" value="<?cs var:h.id ?>">
          <button class="btn btn-compact" type="submit"><?cs var:L.holidays.remove ?></button>
        </form></li>
      <?cs /each ?>
    </ul>
    <?cs else ?><p class="muted"><?cs var:L.holidays.none ?></p><?cs /if ?>
    <h3><?cs var:L.holidays.add ?></h3>
    <?cs call:form_alert() ?>
    <form method="post" action="<?cs var:Site.base ?>/admin/holidays" novalidate>
      <?cs call:csrf_field() ?>
      <input type="hidden" name="action" value="add">
      <?cs call:input("day", L.holidays.day_label, "date", "", "") ?>
      <?cs call:input("name", L.holidays.name_label, "text", "", "") ?>
      <div class="field">
        <label for="f-kind"><?cs var:L.holidays.kind_label ?></label>
        <select id="f-kind" name="kind">
          <option value="company"<?cs if:Form.kind != "regional" ?> selected<?cs /if ?>><?cs var:L.holidays.kind.company ?></option>
          <option value="regional"<?cs if:Form.kind == "regional" ?> selected<?cs /if ?>><?cs var:L.holidays.kind.regional ?></option>
        </select>
      </div>
      <button class="btn btn-primary" type="submit"><?cs var:L.holidays.add ?></button>
    </form>
  </section>
  <section class="card" aria-labelledby="computed-title">
    <h2 id="computed-title"><?cs var:L.holidays.computed ?></h2>
    <ul class="holiday-list">
      <?cs each:h = Holidays.computed ?><li><time datetime="<?cs var:h.day ?>"><?cs var:h.day ?></time> <?cs var:h.name ?></li><?cs /each ?>
    </ul>
  </section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
