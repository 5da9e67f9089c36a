<?cs # agent/ticket.cs - /agent/tickets/ID: the queue beside, the conversation with internal notes (yellow), the reply box
     with macros and changes, urgency review; the requester, details, merge and the audit trail on the right (R-AGT). ?>
<?cs include:"macros.cs" ?>
<?cs include:"agent/parts.cs" ?>
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
<?cs set:queue = Page.queue ?>
<div class="agent-ticket-layout" data-ticket="<?cs var:Ticket.id ?>" data-next="<?cs var:Site.base ?>/agent?queue=<?cs var:queue ?>&amp;next=<?cs var:Ticket.id ?>">
  <aside class="queue-strip" aria-labelledby="strip-title">
    <a class="strip-head" id="strip-title" href="<?cs var:Site.base ?>/agent?queue=<?cs var:queue ?>"><span><?cs var:L.agent.queue[queue] ?></span><?cs each:q = Queues ?><?cs if:q.name == queue && q.count ?><span class="count"><?cs var:q.count ?></span><?cs /if ?><?cs /each ?></a>
    <ol class="strip-list">
    <?cs with:base = Site.base ?><?cs with:current = Ticket.id ?><?cs with:urgent_tag = L.agent.urgent_tag ?>
    <?cs each:t = Tickets ?>
      <li><a href="<?cs var:base ?>/agent/tickets/<?cs var:t.id ?>?queue=<?cs var:queue ?>"<?cs if:t.id == current ?> aria-current="page"<?cs /if ?>>
        <span class="strip-subject"><?cs var:t.subject ?></span>
        <span class="strip-meta">#<?cs var:t.id ?> · <?cs var:t.requester ?> · <?cs var:t.waiting ?><?cs if:t.urgent ?> · <span class="tag tag-urgent"><?cs var:urgent_tag ?></span><?cs /if ?></span>
      </a></li>
    <?cs /each ?>
    <?cs /with ?><?cs /with ?><?cs /with ?>
    </ol>
    <?cs if:!subcount(Tickets) ?><p class="muted strip-empty"><?cs var:L.agent.empty ?></p><?cs /if ?>
  </aside>

  <section class="conversation agent-conversation" aria-labelledby="ticket-title">
    <nav class="breadcrumbs" aria-label="<?cs var:L.ticket.breadcrumb ?>">
      <a href="<?cs var:Site.base ?>/agent?queue=<?cs var:queue ?>"><?cs var:L.agent.queue[queue] ?></a> <span aria-hidden="true">›</span> <span>#<?cs var:Ticket.id ?></span>
    </nav>
    <div class="ticket-head">
      <h1 id="ticket-title"><?cs var:Ticket.subject ?></h1>
      <div class="ticket-head-tools">
        <a class="btn btn-compact" href="<?cs var:Site.base ?>/agent?queue=<?cs var:queue ?>&amp;next=<?cs var:Ticket.id ?>" data-key="j"><?cs var:L.agent.next_ticket ?></a>
        <?cs call:shortcut_help("ticket") ?>
      </div>
    </div>
    <p class="ticket-facts">
      <span class="badge status-<?cs var:Ticket.status ?>"><?cs var:L.status[Ticket.status] ?></span>
      <span class="prio prio-<?cs var:Ticket.priority ?>"><?cs var:L.priority[Ticket.priority] ?></span>
      <span class="muted">#<?cs var:Ticket.id ?> · <?cs var:L.type[Ticket.type] ?><?cs if:Ticket.product ?> · <?cs var:Ticket.product ?><?cs /if ?></span>
    </p>
    <?cs if:Ticket.auto.agent ?><p class="auto-countdown" id="auto-countdown"><?cs var:Ticket.auto.agent ?></p><?cs /if ?>
    <?cs if:Ticket.sla ?><p class="ticket-sla"><time class="sla<?cs if:Ticket.sla_breached ?> sla-breached<?cs /if ?>" datetime="<?cs var:Ticket.sla_due_iso ?>" title="<?cs var:Ticket.sla_due ?>"><?cs var:Ticket.sla ?></time></p><?cs /if ?>
    <p class="viewers-note" id="viewers" role="status" data-url="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>/viewers" data-text="<?cs var:L.agent.viewers ?>"<?cs if:!subcount(Viewers) ?> hidden<?cs /if ?>><?cs if:subcount(Viewers) ?><?cs set:names = "" ?><?cs each:v = Viewers ?><?cs set:names = names + v ?><?cs if:!last(v) ?><?cs set:names = names + ", " ?><?cs /if ?><?cs /each ?><?cs var:subst(L.agent.viewers, names) ?><?cs /if ?></p>

    <?cs if:Conflict ?>
    <div class="alert alert-warn conflict" role="alert" tabindex="-1" id="conflict">
      <p><strong><?cs var:L.agent.conflict_title ?></strong> <?cs var:L.agent.conflict_text ?></p>
      <?cs if:subcount(Changed) ?><ul class="events"><?cs each:e = Changed ?><?cs call:event_item(e) ?><?cs /each ?></ul><?cs /if ?>
    </div>
    <?cs /if ?>
    <?cs call:error_summary() ?>

    <?cs if:Ticket.merged_into ?>
    <p class="alert alert-info"><?cs var:L.agent.merged_note ?> <a href="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.merged_into ?>">#<?cs var:Ticket.merged_into ?></a></p>
    <?cs /if ?>

    <?cs call:approval_box() ?>
    <?cs if:Approval.state == "awaiting" ?>
    <?cs # an approval the customer gave by phone: recorded with who gave it and a note (R-APPR) ?>
    <form class="card approval-phone" method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>"><input type="hidden" name="queue" value="<?cs var:queue ?>">
      <h2 class="details-head"><?cs var:L.approvals.phone_title ?></h2>
      <div class="field<?cs if:Form.errors.approver ?> has-error<?cs /if ?>">
        <label for="f-approver"><?cs var:L.approvals.phone_approver ?></label>
        <select id="f-approver" name="approver"<?cs if:Form.errors.approver ?> aria-invalid="true" aria-describedby="err-approver"<?cs /if ?>>
          <option value="0"><?cs var:L.approvals.phone_unknown ?></option>
          <?cs each:a = Approvers ?><option value="<?cs var:a.id ?>"<?cs if:Form.approver == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
        </select>
        <?cs call:field_error("approver") ?>
      </div>
      <div class="field<?cs if:Form.errors.approval_note ?> has-error<?cs /if ?>">
        <label for="f-approval-note"><?cs var:L.approvals.phone_note ?></label>
        <textarea id="f-approval-note" name="approval_note" rows="2" maxlength="2000"<?cs if:Form.errors.approval_note ?> aria-invalid="true" aria-describedby="err-approval_note"<?cs /if ?>><?cs var:Form.approval_note ?></textarea>
        <?cs call:field_error("approval_note") ?>
      </div>
      <button class="btn" type="submit" name="action" value="approval_phone"><?cs var:L.approvals.phone_button ?></button>
    </form>
    <?cs /if ?>

    <?cs if:Ticket.urgent_review == "1" ?>
    <section class="card review" aria-labelledby="review-title">
      <h2 id="review-title"><?cs var:L.agent.review_title ?></h2>
      <p class="review-reason"><?cs var:Ticket.urgent_reason ?></p>
      <div class="review-actions">
        <form method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>">
          <?cs call:csrf_field() ?>
          <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>"><input type="hidden" name="queue" value="<?cs var:queue ?>">
          <button class="btn btn-primary" type="submit" name="action" value="urgency_accept"><?cs var:L.agent.review_accept ?></button>
        </form>
        <form method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>" class="review-reject">
          <?cs call:csrf_field() ?>
          <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>"><input type="hidden" name="queue" value="<?cs var:queue ?>">
          <div class="field<?cs if:Form.errors.reason ?> has-error<?cs /if ?>">
            <label for="f-reason"><?cs var:L.agent.review_reason ?></label>
            <textarea id="f-reason" name="reason" rows="2" maxlength="2000"<?cs if:Form.errors.reason ?> aria-invalid="true" aria-describedby="err-reason"<?cs /if ?>><?cs var:Form.reason ?></textarea>
            <?cs call:field_error("reason") ?>
          </div>
          <button class="btn" type="submit" name="action" value="urgency_reject"><?cs var:L.agent.review_reject ?></button>
        </form>
      </div>
    </section>
    <?cs /if ?>

    <ol class="comments">
    <?cs each:c = Ticket.comments ?>
      <li class="comment<?cs if:c.agent == "1" ?> comment-agent<?cs /if ?><?cs if:c.public == "0" ?> comment-internal<?cs /if ?><?cs if:Conflict && #c.id > #Form.seen_comment ?> comment-new<?cs /if ?>" id="c<?cs var:c.id ?>">
        <?cs call:comment_avatar(c) ?>
        <div class="comment-body">
          <header>
            <strong><?cs var:c.author ?></strong>
            <?cs if:c.public == "0" ?><span class="tag tag-internal"><?cs var:L.agent.internal_note ?></span><?cs elif:c.agent == "1" ?><span class="tag"><?cs var:L.ticket.support ?></span><?cs /if ?>
            <?cs if:Conflict && #c.id > #Form.seen_comment ?><span class="tag tag-new"><?cs var:L.agent.new_since ?></span><?cs /if ?>
            <time datetime="<?cs var:c.time_iso ?>"><?cs var:c.time ?></time>
          </header>
          <div class="text"><?cs var:c.body ?></div>
          <?cs call:file_chips(c.id) ?>
        </div>
      </li>
    <?cs /each ?>
    </ol>

    <?cs if:Ticket.closed != "1" ?>
    <?cs if:subcount(Macros) ?>
    <form class="macro-pick" method="get" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>#reply">
      <input type="hidden" name="queue" value="<?cs var:queue ?>">
      <label for="f-macro"><?cs var:L.agent.macro ?></label>
      <select id="f-macro" name="macro">
        <option value=""><?cs var:L.agent.macro_choose ?></option>
        <?cs each:m = Macros ?><option value="<?cs var:m.id ?>"<?cs if:Form.macro == m.id ?> selected<?cs /if ?>><?cs var:m.title ?><?cs if:m.status ?> → <?cs var:L.status[m.status] ?><?cs /if ?><?cs if:!m.shared ?> (<?cs var:L.agent.macro_own ?>)<?cs /if ?></option><?cs /each ?>
      </select>
      <button class="btn btn-compact" type="submit"><?cs var:L.agent.macro_apply ?></button>
    </form>
    <?cs /if ?>
    <form class="card reply agent-reply<?cs if:Form.visibility == "internal" ?> is-internal<?cs /if ?>" id="reply" method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>" enctype="multipart/form-data">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="action" value="reply">
      <input type="hidden" name="version" value="<?cs var:Ticket.version ?>">
      <input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>">
      <input type="hidden" name="seen_comment" value="<?cs var:Ticket.seen_comment ?>">
      <input type="hidden" name="queue" value="<?cs var:queue ?>">
      <?cs if:Macro.title ?><p class="alert alert-info macro-note"><?cs var:subst(L.agent.macro_applied, Macro.title) ?></p><?cs /if ?>
      <fieldset class="segmented">
        <legend class="visually-hidden"><?cs var:L.agent.visibility ?></legend>
        <label><input type="radio" name="visibility" value="public"<?cs if:Form.visibility != "internal" ?> checked<?cs /if ?>> <?cs var:L.agent.public_reply ?></label>
        <label><input type="radio" name="visibility" value="internal"<?cs if:Form.visibility == "internal" ?> checked<?cs /if ?>> <?cs var:L.agent.internal_note ?></label>
      </fieldset>
      <div class="field<?cs if:Form.errors.body ?> has-error<?cs /if ?>">
        <label for="f-body" class="visually-hidden"><?cs var:L.agent.body ?></label>
        <textarea id="f-body" name="body" rows="7" maxlength="65000" data-paste-target="f-screenshots" placeholder="<?cs var:L.agent.body_placeholder ?>"<?cs if:Form.errors.body ?> aria-invalid="true" aria-describedby="err-body"<?cs /if ?>><?cs var:Form.body ?></textarea>
        <?cs call:field_error("body") ?>
        <p class="field-hint internal-hint"><?cs var:L.agent.internal_hint ?></p>
      </div>
      <div class="field">
        <span class="label visually-hidden" id="label-attachments"><?cs var:L.ticket.attach ?></span>
        <div class="dropzone dropzone-compact">
          <span class="dropzone-icon" aria-hidden="true"></span>
          <span class="dropzone-text"><?cs var:L.newreq.drop ?></span>
          <span class="dropzone-hint"><?cs var:subst(L.newreq.drop_hint, Ticket.max_file) ?></span>
          <input id="f-attachments" type="file" name="attachments" multiple aria-labelledby="label-attachments" data-remove-label="<?cs var:L.newreq.remove_file ?>">
        </div>
        <label class="file-pick shot-pick"><span><?cs var:L.ticket.screenshot ?></span><input id="f-screenshots" type="file" name="screenshots" accept="image/png,image/jpeg,image/gif,image/webp" multiple data-tag="<?cs var:L.ticket.screenshot_tag ?>" data-remove-label="<?cs var:L.newreq.remove_file ?>"></label>
        <ul class="chips pending-files" aria-live="polite"></ul>
      </div>
      <div class="change-row">
        <label><span><?cs var:L.ticket.status ?></span>
          <select name="status">
            <?cs if:Ticket.status == "new" ?><option value="new"<?cs if:!Form.status || Form.status == "new" ?> selected<?cs /if ?>><?cs var:L.status.new ?></option><?cs /if ?>
            <?cs each:s = L.agent.statuses ?><option value="<?cs var:name(s) ?>"<?cs if:(Form.status && Form.status == name(s)) || (!Form.status && Ticket.status == name(s)) ?> selected<?cs /if ?>><?cs var:L.status[name(s)] ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.ticket.priority ?></span>
          <select name="priority">
            <?cs each:s = L.priority ?><option value="<?cs var:name(s) ?>"<?cs if:(Form.priority && Form.priority == name(s)) || (!Form.priority && Ticket.priority == name(s)) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
          </select>
        </label>
        <label class="<?cs if:Form.errors.group ?>has-error<?cs /if ?>"><span><?cs var:L.agent.group ?></span>
          <select name="group">
            <option value="0"><?cs var:L.agent.no_group ?></option>
            <?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:(Form.group && Form.group == g.id) || (!Form.group && Ticket.group_id == g.id) ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
          </select>
        </label>
        <label class="<?cs if:Form.errors.assignee ?>has-error<?cs /if ?>"><span><?cs var:L.ticket.assignee ?></span>
          <select name="assignee">
            <option value="0"><?cs var:L.agent.nobody ?></option>
            <?cs each:a = Agents ?><option value="<?cs var:a.id ?>"<?cs if:(Form.assignee && Form.assignee == a.id) || (!Form.assignee && Ticket.assignee_id == a.id) ?> selected<?cs /if ?>><?cs var:a.name ?><?cs if:a.id == User.id ?> (<?cs var:L.agent.me ?>)<?cs /if ?></option><?cs /each ?>
          </select>
        </label>
      </div>
      <?cs call:field_error("assignee") ?><?cs call:field_error("group") ?>
      <div class="reply-actions">
        <button class="btn" type="submit" name="next" value="1"><?cs var:L.agent.send_next ?></button>
        <button class="btn btn-primary" type="submit" data-send><span class="send-public"><?cs var:L.agent.send_reply ?></span><span class="send-internal"><?cs var:L.agent.save_note ?></span></button>
      </div>
    </form>
    <?cs else ?>
    <p class="muted readonly-note"><?cs var:L.agent.closed_note ?></p>
    <?cs /if ?>
  </section>

  <aside class="details card agent-details" aria-label="<?cs var:L.ticket.details ?>">
    <section class="requester" aria-labelledby="req-title">
      <h2 class="details-head" id="req-title"><?cs var:L.agent.requester ?></h2>
      <p class="requester-name"><strong><?cs var:Requester.name ?></strong><br><a href="mailto:<?cs var:Requester.email ?>"><?cs var:Requester.email ?></a></p>
      <?cs if:Requester.org ?><p class="requester-org"><?cs var:Requester.org ?></p><?cs /if ?>
      <p class="role-tags">
        <?cs each:r = Requester.roles ?><span class="tag"><?cs var:L.agent.role[name(r)] ?></span> <?cs /each ?>
        <?cs if:Requester.confirmed != "1" ?><span class="tag tag-urgent"><?cs var:L.agent.unconfirmed ?></span><?cs /if ?>
      </p>
      <p class="muted small-text"><?cs var:L.agent.level ?>: <strong><?cs var:L.agent.levels[Requester.level] ?></strong>
        <?cs if:Requester.org ?><br><span><?cs var:subst(L.agent.level_from, L.agent.levels[Requester.user_level] + " / " + L.agent.levels[Requester.org_level]) ?></span><?cs /if ?></p>
    </section>
    <?cs if:Ticket.mine != "1" && Ticket.closed != "1" && Approval.state != "awaiting" ?>
    <form method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>" class="take-form">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>"><input type="hidden" name="queue" value="<?cs var:queue ?>">
      <button class="btn btn-primary btn-block" type="submit" name="action" value="take" data-key="t"><?cs var:L.agent.take ?></button>
    </form>
    <?cs /if ?>
    <dl>
      <dt><?cs var:L.ticket.assignee ?></dt><dd><?cs if:Ticket.assignee ?><?cs var:Ticket.assignee ?><?cs else ?><span class="muted"><?cs var:L.agent.nobody ?></span><?cs /if ?></dd>
      <dt><?cs var:L.agent.group ?></dt><dd><?cs if:Ticket.group ?><?cs var:Ticket.group ?><?cs else ?><span class="muted"><?cs var:L.agent.no_group ?></span><?cs /if ?></dd>
      <dt><?cs var:L.ticket.created ?></dt><dd><time datetime="<?cs var:Ticket.created_iso ?>"><?cs var:Ticket.created ?></time></dd>
      <dt><?cs var:L.ticket.updated ?></dt><dd><time datetime="<?cs var:Ticket.updated_iso ?>"><?cs var:Ticket.updated ?></time></dd>
      <?cs if:Ticket.urgent_claim == "1" ?><dt><?cs var:L.ticket.urgent_claimed ?></dt><dd><?cs var:Ticket.urgent_reason ?></dd><?cs /if ?>
      <?cs each:v = Ticket.values ?><dt><?cs var:v.label ?></dt><dd><?cs var:v.value ?></dd><?cs /each ?>
      <?cs if:subcount(Ticket.ccs) ?><dt><?cs var:L.ticket.ccs ?></dt><dd><?cs each:cc = Ticket.ccs ?><?cs var:cc ?><?cs if:!last(cc) ?>, <?cs /if ?><?cs /each ?></dd><?cs /if ?>
      <?cs if:Ticket.follow_up_of ?><dt><?cs var:L.ticket.follows ?></dt><dd><a href="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.follow_up_of ?>">#<?cs var:Ticket.follow_up_of ?></a></dd><?cs /if ?>
      <?cs if:subcount(Ticket.followups) ?><dt><?cs var:L.ticket.followups ?></dt><dd><?cs each:f = Ticket.followups ?><a href="<?cs var:Site.base ?>/agent/tickets/<?cs var:f ?>">#<?cs var:f ?></a> <?cs /each ?></dd><?cs /if ?>
    </dl>
    <?cs if:subcount(Ticket.all_files) ?>
    <h2 class="details-title"><?cs var:L.ticket.files ?></h2>
    <ul class="file-list">
      <?cs each:f = Ticket.all_files ?><li><a href="<?cs var:Site.base ?><?cs var:f.url ?>"><?cs var:f.name ?></a> <span class="muted"><?cs var:f.size ?></span></li><?cs /each ?>
    </ul>
    <?cs /if ?>
    <?cs if:Ticket.closed != "1" ?>
    <details class="merge"<?cs if:Form.errors.target ?> open<?cs /if ?>>
      <summary><?cs var:L.agent.merge_title ?></summary>
      <form method="post" action="<?cs var:Site.base ?>/agent/tickets/<?cs var:Ticket.id ?>">
        <?cs call:csrf_field() ?>
        <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><input type="hidden" name="seen_event" value="<?cs var:Ticket.seen_event ?>"><input type="hidden" name="queue" value="<?cs var:queue ?>">
        <p class="field-hint"><?cs var:L.agent.merge_hint ?></p>
        <div class="field<?cs if:Form.errors.target ?> has-error<?cs /if ?>">
          <label for="f-target"><?cs var:L.agent.merge_target ?></label>
          <input id="f-target" type="text" name="target" value="<?cs var:Form.target ?>" inputmode="numeric" placeholder="#1234" maxlength="30"<?cs if:Form.errors.target ?> aria-invalid="true" aria-describedby="err-target"<?cs /if ?>>
          <?cs call:field_error("target") ?>
        </div>
        <button class="btn btn-block" type="submit" name="action" value="merge"><?cs var:L.agent.merge ?></button>
      </form>
    </details>
    <?cs /if ?>
    <details class="audit" open>
      <summary><?cs var:L.agent.history ?> <span class="count"><?cs var:subcount(Events) ?></span></summary>
      <ol class="events"><?cs each:e = Events ?><?cs call:event_item(e) ?><?cs /each ?></ol>
    </details>
  </aside>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
