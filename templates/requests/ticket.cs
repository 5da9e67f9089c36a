<?cs # ticket.cs - one request: the conversation (public comments only), the comment box, the details panel. ?>
<?cs include:"macros.cs" ?>
<?cs include:"approvals/parts.cs" ?>
<?cs def:file_chips(cid) ?>
  <?cs if:subcount(Ticket.files[cid]) ?>
  <div class="inline-images">
  <?cs each:f = Ticket.files[cid] ?><?cs if:f.inline == "1" ?>
    <a href="<?cs var:Site.base ?><?cs var:f.url ?>"><img src="<?cs var:Site.base ?><?cs var:f.url ?>" alt="<?cs var:f.name ?>" loading="lazy"></a>
  <?cs /if ?><?cs /each ?>
  </div>
  <ul class="chips">
  <?cs each:f = Ticket.files[cid] ?><?cs if:f.inline != "1" ?>
    <li><a class="chip" href="<?cs var:Site.base ?><?cs var:f.url ?>"><span class="chip-icon" aria-hidden="true"></span><?cs var:f.name ?> <span class="muted">(<?cs var:f.size ?>)</span></a></li>
  <?cs /if ?><?cs /each ?>
  </ul>
  <?cs /if ?>
<?cs /def ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.ticket.breadcrumb ?>">
  <a href="<?cs var:Site.base ?>/requests"><?cs var:L.requests.title ?></a> <span aria-hidden="true">›</span> <span>#<?cs var:Ticket.id ?></span>
</nav>
<div class="ticket-layout">
  <section class="conversation" aria-labelledby="ticket-title">
    <h1 id="ticket-title"><?cs var:Ticket.subject ?></h1>
    <?cs call:approval_box() ?>
    <ol class="comments">
    <?cs each:c = Ticket.comments ?>
      <li class="comment<?cs if:c.agent == "1" ?> comment-agent<?cs /if ?>" id="c<?cs var:c.id ?>">
        <?cs call:comment_avatar(c) ?>
        <div class="comment-body">
          <header>
            <strong><?cs var:c.author ?></strong>
            <?cs if:c.agent == "1" ?><span class="tag"><?cs var:L.ticket.support ?></span><?cs /if ?>
            <time datetime="<?cs var:c.time_iso ?>"><?cs var:c.time ?></time>
          </header>
          <div class="text"><?cs var:c.body ?></div>
          <?cs call:file_chips(c.id) ?>
        </div>
      </li>
    <?cs /each ?>
    </ol>

    <?cs if:Ticket.can_comment == "1" ?>
    <form class="card reply" method="post" action="<?cs var:Site.base ?>/requests/<?cs var:Ticket.id ?>" enctype="multipart/form-data">
      <?cs call:csrf_field() ?>
      <?cs call:form_alert() ?>
      <?cs if:Ticket.closed == "1" ?><p class="alert alert-warn"><?cs var:L.ticket.closed_note ?></p><?cs /if ?>
      <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
        <label for="f-body"><?cs if:Ticket.closed == "1" ?><?cs var:L.ticket.follow_up_label ?><?cs else ?><?cs var:L.ticket.comment_label ?><?cs /if ?></label>
        <textarea id="f-body" name="body" rows="6" maxlength="65000" data-paste-target="f-screenshots"<?cs if:Form.errors.body ?> aria-invalid="true" aria-describedby="err-body"<?cs /if ?>><?cs var:Form.body ?></textarea>
        <?cs call:field_error("body") ?>
        <p class="field-hint"><?cs var:L.ticket.paste_hint ?></p>
      </div>
      <div class="field">
        <span class="label" id="label-attachments"><?cs var:L.ticket.attach ?> <span class="muted optional">(<?cs var:L.newreq.optional ?>)</span></span>
        <div class="dropzone dropzone-compact">
          <span class="dropzone-icon" aria-hidden="true"></span>
          <span class="dropzone-text"><?cs var:L.newreq.drop ?></span>
          <span class="dropzone-hint"><?cs var:subst(L.newreq.drop_hint, Ticket.max_file) ?></span>
          <input id="f-attachments" type="file" name="attachments" multiple aria-labelledby="label-attachments" data-remove-label="<?cs var:L.newreq.remove_file ?>">
        </div>
        <?cs # pasting into the text fills this one; without the script it is a pick of its own ?>
        <label class="file-pick shot-pick"><span><?cs var:L.ticket.screenshot ?></span><input id="f-screenshots" type="file" name="screenshots" accept="image/png,image/jpeg,image/gif,image/webp" multiple data-tag="<?cs var:L.ticket.screenshot_tag ?>" data-remove-label="<?cs var:L.newreq.remove_file ?>"></label>
        <ul class="chips pending-files" aria-live="polite"></ul>
      </div>
      <div class="reply-actions">
        <?cs if:Ticket.can_solve == "1" ?>
        <label class="check"><input type="checkbox" name="solved" value="1"> <?cs var:L.ticket.mark_solved ?></label>
        <?cs /if ?>
        <button class="btn btn-primary" type="submit"><?cs if:Ticket.closed == "1" ?><?cs var:L.ticket.send_follow_up ?><?cs else ?><?cs var:L.ticket.send ?><?cs /if ?></button>
      </div>
    </form>
    <?cs elif:Ticket.closed != "1" ?>
    <p class="muted readonly-note"><?cs var:L.ticket.read_only ?></p>
    <?cs /if ?>
  </section>

  <aside class="details card" aria-label="<?cs var:L.ticket.details ?>">
    <dl>
      <dt><?cs var:L.ticket.status ?></dt><dd><span class="badge status-<?cs var:Ticket.status ?>"><?cs var:L.status[Ticket.status] ?></span><?cs if:Ticket.auto.customer ?><br><span class="auto-countdown" id="auto-countdown"><?cs var:Ticket.auto.customer ?></span><?cs /if ?></dd>
      <dt><?cs var:L.ticket.id ?></dt><dd>#<?cs var:Ticket.id ?></dd>
      <dt><?cs var:L.ticket.requester ?></dt><dd><?cs var:Ticket.requester ?><?cs if:Ticket.org ?><br><span class="muted"><?cs var:Ticket.org ?></span><?cs /if ?></dd>
      <dt><?cs var:L.ticket.created ?></dt><dd><time datetime="<?cs var:Ticket.created_iso ?>"><?cs var:Ticket.created ?></time></dd>
      <dt><?cs var:L.ticket.updated ?></dt><dd><time datetime="<?cs var:Ticket.updated_iso ?>"><?cs var:Ticket.updated ?></time></dd>
      <dt><?cs var:L.ticket.type ?></dt><dd><?cs var:L.type[Ticket.type] ?></dd>
      <dt><?cs var:L.ticket.priority ?></dt><dd><?cs var:L.priority[Ticket.priority] ?><?cs if:Ticket.urgent_claim == "1" ?> · <?cs var:L.ticket.urgent_claimed ?><?cs /if ?></dd>
      <?cs if:Ticket.product ?><dt><?cs var:L.ticket.product ?></dt><dd><?cs var:Ticket.product ?></dd><?cs /if ?>
      <?cs if:Ticket.assignee ?><dt><?cs var:L.ticket.assignee ?></dt><dd><?cs var:Ticket.assignee ?></dd><?cs /if ?>
      <?cs each:v = Ticket.values ?><dt><?cs var:v.label ?></dt><dd><?cs var:v.value ?></dd><?cs /each ?>
      <?cs if:subcount(Ticket.ccs) ?><dt><?cs var:L.ticket.ccs ?></dt><dd><?cs each:cc = Ticket.ccs ?><?cs var:cc ?><?cs if:!last(cc) ?>, <?cs /if ?><?cs /each ?></dd><?cs /if ?>
      <?cs if:Ticket.follow_up_of ?><dt><?cs var:L.ticket.follows ?></dt><dd><a href="<?cs var:Site.base ?>/requests/<?cs var:Ticket.follow_up_of ?>">#<?cs var:Ticket.follow_up_of ?></a></dd><?cs /if ?>
      <?cs if:subcount(Ticket.followups) ?><dt><?cs var:L.ticket.followups ?></dt><dd><?cs each:f = Ticket.followups ?><a href="<?cs var:Site.base ?>/requests/<?cs var:f ?>">#<?cs var:f ?></a> <?cs /each ?></dd><?cs /if ?>
    </dl>
    <?cs if:subcount(Ticket.all_files) ?>
    <h2 class="details-title"><?cs var:L.ticket.files ?></h2>
    <ul class="file-list">
      <?cs each:f = Ticket.all_files ?><li><a href="<?cs var:Site.base ?><?cs var:f.url ?>"><?cs var:f.name ?></a> <span class="muted"><?cs var:f.size ?></span></li><?cs /each ?>
    </ul>
    <?cs /if ?>
  </aside>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
