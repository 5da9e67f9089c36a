<?cs # approvals/parts.cs - a ticket's approval as the requester, the approver and the agent see it (R-APPR). ?>
<?cs def:approval_box() ?>
<?cs if:Approval.state ?>
<section class="card approval approval-<?cs var:Approval.state ?>" aria-labelledby="approval-title">
  <h2 id="approval-title"><span class="badge approval-badge approval-<?cs var:Approval.state ?>"><?cs var:L.approvals.state[Approval.state] ?></span> <?cs var:L.approvals.role_needed[Approval.role] ?></h2>
  <?cs if:Approval.state == "awaiting" ?>
  <p><?cs var:L.approvals.awaiting_text ?></p>
  <?cs if:Approval.none == "1" ?><p class="alert alert-warn approval-none"><?cs var:L.approvals.none ?></p><?cs /if ?>
  <?cs else ?>
  <p><?cs if:Approval.via == "self" ?><?cs var:L.approvals.via_self ?><?cs else ?><?cs var:subst(L.approvals.decided_by, Approval.decided_by) ?><?cs if:Approval.via == "phone" ?> <?cs var:subst(L.approvals.via_phone, Approval.recorded_by) ?><?cs /if ?><?cs /if ?>
    <?cs if:Approval.decided_at ?><time datetime="<?cs var:Approval.decided_at_iso ?>"><?cs var:Approval.decided_at ?></time><?cs /if ?></p>
  <?cs if:Approval.comment ?><blockquote class="approval-comment"><?cs var:Approval.comment ?></blockquote><?cs /if ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs /def ?>
