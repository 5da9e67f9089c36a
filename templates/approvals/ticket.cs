<?cs # approvals/ticket.cs - /approvals/ID: the request an approver decides on - what is asked, its fields -
     and approve or reject with a comment (a reason is needed to reject). ?>
<?cs include:"macros.cs" ?>
<?cs include:"approvals/parts.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.ticket.breadcrumb ?>">
  <a href="<?cs var:Site.base ?>/approvals"><?cs var:L.approvals.title ?></a> <span aria-hidden="true">›</span> <span>#<?cs var:Ticket.id ?></span>
</nav>
<div class="ticket-layout">
  <section class="conversation" aria-labelledby="ticket-title">
    <h1 id="ticket-title"><?cs var:Ticket.subject ?></h1>
    <?cs if:Approval.late == "1" ?><p class="alert alert-warn" role="alert"><?cs var:L.approvals.late ?></p><?cs /if ?>
    <?cs call:approval_box() ?>
    <ol class="comments">
    <?cs each:c = Ticket.comments ?>
      <li class="comment<?cs if:c.agent == "1" ?> comment-agent<?cs /if ?>" id="c<?cs var:c.id ?>">
        <span class="avatar<?cs if:c.agent == "1" ?> avatar-agent<?cs /if ?>" aria-hidden="true"><?cs var:c.initials ?></span>
        <div class="comment-body">
          <header><strong><?cs var:c.author ?></strong> <time datetime="<?cs var:c.time_iso ?>"><?cs var:c.time ?></time></header>
          <div class="text"><?cs var:c.body ?></div>
        </div>
      </li>
    <?cs /each ?>
    </ol>
    <?cs if:Approval.state == "awaiting" ?>
    <form class="card reply approval-form" method="post" action="<?cs var:Site.base ?>/approvals/<?cs var:Ticket.id ?>">
      <?cs call:csrf_field() ?>
      <?cs call:error_summary() ?>
      <div class="field<?cs if:Form.errors.comment ?> has-error<?cs /if ?>">
        <label for="f-comment"><?cs var:L.approvals.comment_label ?></label>
        <textarea id="f-comment" name="comment" rows="4" maxlength="10000"<?cs if:Form.errors.comment ?> aria-invalid="true" aria-describedby="err-comment"<?cs /if ?>><?cs var:Form.comment ?></textarea>
        <?cs call:field_error("comment") ?>
        <p class="field-hint"><?cs var:L.approvals.comment_hint ?></p>
      </div>
      <?cs call:field_error("decision") ?>
      <div class="reply-actions">
        <button class="btn" type="submit" name="decision" value="reject"><?cs var:L.approvals.reject ?></button>
        <button class="btn btn-primary" type="submit" name="decision" value="approve"><?cs var:L.approvals.approve ?></button>
      </div>
    </form>
    <?cs /if ?>
  </section>
  <aside class="details card" aria-label="<?cs var:L.ticket.details ?>">
    <dl>
      <dt><?cs var:L.ticket.id ?></dt><dd>#<?cs var:Ticket.id ?></dd>
      <dt><?cs var:L.ticket.requester ?></dt><dd><?cs var:Ticket.requester ?><?cs if:Ticket.org ?><br><span class="muted"><?cs var:Ticket.org ?></span><?cs /if ?></dd>
      <dt><?cs var:L.ticket.created ?></dt><dd><time datetime="<?cs var:Ticket.created_iso ?>"><?cs var:Ticket.created ?></time></dd>
      <dt><?cs var:L.ticket.type ?></dt><dd><?cs var:L.type[Ticket.type] ?></dd>
      <?cs if:Ticket.product ?><dt><?cs var:L.ticket.product ?></dt><dd><?cs var:Ticket.product ?></dd><?cs /if ?>
      <?cs each:v = Ticket.values ?><dt><?cs var:v.label ?></dt><dd><?cs var:v.value ?></dd><?cs /each ?>
    </dl>
  </aside>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
