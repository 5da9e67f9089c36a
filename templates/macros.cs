<?cs # macros.cs - form building blocks: labelled fields with their error messages tied by aria-describedby. ?>
<?cs def:field_error(name) ?><?cs if:Form.errors[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:Form.errors[name] ?></p><?cs /if ?><?cs /def ?>

<?cs def:input(name, label, type, autocomplete, hint) ?>
<div class="field<?cs if:Form.errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <?cs if:hint ?><p class="field-hint" id="hint-<?cs var:name ?>"><?cs var:hint ?></p><?cs /if ?>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"<?cs if:type != "password" ?> value="<?cs var:Form[name] ?>"<?cs /if ?><?cs if:autocomplete ?> autocomplete="<?cs var:autocomplete ?>"<?cs /if ?><?cs if:Form.errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs elif:hint ?> aria-describedby="hint-<?cs var:name ?>"<?cs /if ?>>
  <?cs call:field_error(name) ?>
</div>
<?cs /def ?>

<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs /def ?>

<?cs def:form_alert() ?><?cs if:Form.error ?><div class="alert alert-error" role="alert"><?cs var:Form.error ?><?cs if:Login.wait_minutes ?> <?cs var:subst(L.login.wait, Login.wait_minutes) ?><?cs elif:Form.wait_minutes ?> <?cs var:subst(L.login.wait, Form.wait_minutes) ?><?cs /if ?></div><?cs elif:Form.nerrors ?><div class="alert alert-error" role="alert"><?cs var:L.err.form ?></div><?cs /if ?><?cs /def ?>

<?cs # The confirmation mail once more (R-ACC 4); next: the portal path to come back to. ?>
<?cs def:resend_form(next, class) ?><form class="resend-form" method="post" action="<?cs var:Site.base ?>/confirm/resend"><?cs call:csrf_field() ?><input type="hidden" name="next" value="<?cs var:next ?>"><button type="submit" class="<?cs var:class ?>"><?cs var:L.unconfirmed.resend ?></button></form><?cs /def ?>

<?cs # The errors of a longer form as links to their fields (Form.labels names them), after the alert. ?>
<?cs def:error_summary() ?><?cs if:Form.nerrors && subcount(Form.errors) ?><div class="alert alert-error error-summary" role="alert" tabindex="-1" id="error-summary">
  <p><strong><?cs var:L.err.form ?></strong></p>
  <ul><?cs each:e = Form.errors ?><li><a href="#f-<?cs var:name(e) ?>"><?cs if:Form.labels[name(e)] ?><?cs var:Form.labels[name(e)] ?>: <?cs /if ?><?cs var:e ?></a></li><?cs /each ?></ul>
  <?cs if:Form.error ?><p><?cs var:Form.error ?></p><?cs /if ?>
</div><?cs elif:Form.error ?><?cs call:form_alert() ?><?cs /if ?><?cs /def ?>

<?cs # The author's picture next to a comment (re-encoded by the server, R-PROF), initials otherwise. ?>
<?cs def:comment_avatar(c) ?><?cs if:c.picture ?><img class="avatar avatar-picture" src="<?cs var:Site.base ?><?cs var:c.picture ?>" width="36" height="36" alt=""><?cs else ?><span class="avatar<?cs if:c.agent == "1" ?> avatar-agent<?cs /if ?>" aria-hidden="true"><?cs var:c.initials ?></span><?cs /if ?><?cs /def ?>
