<?cs # approvals/list.cs - /approvals: what waits for this approver's decision, and what was decided lately. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:L.approvals.title ?></h1>
</div>
<p class="lead"><?cs var:L.approvals.lead ?></p>
<?cs set:waiting = 0 ?><?cs each:a = Approvals ?><?cs if:a.state == "awaiting" ?><?cs set:waiting = waiting + 1 ?><?cs /if ?><?cs /each ?>
<section aria-labelledby="waiting-title">
  <h2 id="waiting-title"><?cs var:L.approvals.waiting ?> <span class="count"><?cs var:waiting ?></span></h2>
  <?cs if:waiting > 0 ?>
  <div class="table-scroll">
  <table class="table approvals-table">
    <thead><tr><th scope="col"><?cs var:L.ticket.id ?></th><th scope="col"><?cs var:L.approvals.subject ?></th><th scope="col"><?cs var:L.ticket.requester ?></th><th scope="col"><?cs var:L.approvals.role ?></th><th scope="col"><?cs var:L.ticket.created ?></th></tr></thead>
    <tbody>
    <?cs each:a = Approvals ?><?cs if:a.state == "awaiting" ?>
      <tr><td>#<?cs var:a.id ?></td><td><a href="<?cs var:Site.base ?>/approvals/<?cs var:a.id ?>"><?cs var:a.subject ?></a></td><td><?cs var:a.requester ?></td><td><?cs var:L.approvals.roles[a.role] ?></td><td><time datetime="<?cs var:a.created_iso ?>"><?cs var:a.created ?></time></td></tr>
    <?cs /if ?><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="card empty-state"><?cs var:L.approvals.empty ?></p>
  <?cs /if ?>
</section>
<?cs if:waiting < subcount(Approvals) ?>
<section aria-labelledby="decided-title">
  <h2 id="decided-title"><?cs var:L.approvals.decided ?></h2>
  <div class="table-scroll">
  <table class="table approvals-table">
    <thead><tr><th scope="col"><?cs var:L.ticket.id ?></th><th scope="col"><?cs var:L.approvals.subject ?></th><th scope="col"><?cs var:L.approvals.decision ?></th><th scope="col"><?cs var:L.approvals.decided_when ?></th></tr></thead>
    <tbody>
    <?cs each:a = Approvals ?><?cs if:a.state != "awaiting" ?>
      <tr><td>#<?cs var:a.id ?></td><td><a href="<?cs var:Site.base ?>/approvals/<?cs var:a.id ?>"><?cs var:a.subject ?></a></td><td><span class="badge approval-badge approval-<?cs var:a.state ?>"><?cs var:L.approvals.state[a.state] ?></span><?cs if:a.decided_by ?> · <?cs var:a.decided_by ?><?cs /if ?></td><td><?cs if:a.decided ?><time datetime="<?cs var:a.decided_iso ?>"><?cs var:a.decided ?></time><?cs /if ?></td></tr>
    <?cs /if ?><?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
