<?cs # csat.cs - the satisfaction survey behind the solution mail's link (R-CSAT 2, 3): one question, five
     large choices, a reason and a comment for ratings below "satisfied" (shown by CSS alone when such a
     level is chosen; without :has() always shown, with its hint). A GET records nothing: the button does. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="auth csat">
  <div class="card auth-card csat-card">
    <?cs if:Csat.thanks ?>
    <div class="alert alert-ok" role="status"><strong><?cs var:L.csat.thanks_title ?></strong> <?cs var:Csat.current ?></div>
    <?cs /if ?>
    <h1><?cs var:L.csat.title ?></h1>
    <p class="lead"><?cs var:Csat.lead ?></p>
    <?cs if:Csat.closed ?>
    <div class="alert" role="status"><strong><?cs var:L.csat.closed_title ?></strong> <?cs var:L.csat.closed_text ?></div>
    <?cs if:Csat.rated ?><p><?cs var:Csat.current ?></p><?cs /if ?>
    <?cs else ?>
    <?cs if:Csat.rated && !Csat.thanks ?><p class="muted"><?cs var:Csat.current ?></p><?cs /if ?>
    <?cs call:form_alert() ?>
    <form class="csat-form" method="post" action="<?cs var:Site.base ?>/csat/<?cs var:Csat.token ?>">
      <?cs call:csrf_field() ?>
      <fieldset class="csat-levels"<?cs if:Form.errors.rating ?> aria-describedby="err-rating"<?cs /if ?>>
        <legend><?cs var:L.csat.question ?></legend>
        <?cs call:field_error("rating") ?>
        <?cs each:l = Csat.levels ?>
        <label class="csat-level csat-<?cs var:l.name ?><?cs if:l.low ?> csat-low<?cs /if ?>">
          <input type="radio" name="rating" value="<?cs var:l.name ?>" required<?cs if:l.checked ?> checked<?cs /if ?>>
          <span><?cs var:l.label ?></span>
        </label>
        <?cs /each ?>
      </fieldset>
      <fieldset class="csat-reason">
        <legend><?cs var:L.csat.reason_legend ?></legend>
        <p class="hint" id="csat-reason-hint"><?cs var:L.csat.reason_hint ?></p>
        <label for="csat-reason" class="visually-hidden"><?cs var:L.csat.reason_legend ?></label>
        <select id="csat-reason" name="reason" aria-describedby="csat-reason-hint">
          <option value=""><?cs var:L.csat.reason_none ?></option>
          <?cs each:r = Csat.reasons ?><option value="<?cs var:r.key ?>"<?cs if:r.selected ?> selected<?cs /if ?>><?cs var:r.label ?></option><?cs /each ?>
        </select>
        <label for="csat-comment"><?cs var:L.csat.comment ?></label>
        <textarea id="csat-comment" name="comment" rows="4" maxlength="2000"><?cs var:Csat.comment ?></textarea>
      </fieldset>
      <button class="btn btn-primary btn-block" type="submit"><?cs if:Csat.rated ?><?cs var:L.csat.change ?><?cs else ?><?cs var:L.csat.submit ?><?cs /if ?></button>
      <p class="auth-alt muted"><?cs var:L.csat.why ?></p>
    </form>
    <?cs /if ?>
  </div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
