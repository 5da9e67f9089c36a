<?cs # admin/mail.cs - /admin/mail: the intake's trace - every fetched mail, what happened and why (R-MAIL 3);
     with Mail one mail and its raw headers, else the list (Mails) with a filter by outcome. ?>
<?cs include:"macros.cs" ?>
<?cs include:"admin/nav.cs" ?>
<?cs # why(m): "Token der Anfrage #12 · vom Anfragesteller → Kommentar 34", in the reader's language ?>
<?cs def:why(m) ?><?cs
  if:m.outcome == "loop" || m.reason == "malformed" || m.reason == "too_large" ?><?cs var:L.intake.reason[m.reason] ?><?cs
  else ?><?cs
    if:m.matched_by != "none" && m.ticket_id ?><?cs var:subst(L.intake.matched[m.matched_by], m.ticket_id) ?><?cs
    elif:m.reason == "forged_token" ?><?cs var:L.intake.matched.forged ?><?cs
    else ?><?cs var:L.intake.matched.none ?><?cs /if ?><?cs
    if:m.sender_role != "none" ?> · <?cs var:L.intake.sender[m.sender_role] ?><?cs /if ?> → <?cs
    if:m.outcome == "comment" ?><?cs var:subst(L.intake.result.comment, m.comment_id) ?><?cs if:m.reason == "reopened" ?> (<?cs var:L.intake.reason.reopened ?>)<?cs /if ?><?cs
    elif:m.outcome == "note" ?><?cs var:subst(L.intake.result.note, m.comment_id) ?><?cs
    elif:m.outcome == "follow_up" ?><?cs var:subst(L.intake.result.follow_up, m.new_ticket_id) ?><?cs
    else ?><?cs var:L.intake.reason[m.reason] ?><?cs /if ?><?cs
    if:m.attachments ?> · <?cs var:subst(L.intake.files, m.attachments) ?><?cs /if ?><?cs
    if:m.bounced ?> · <?cs var:L.intake.bounced ?><?cs /if ?><?cs
  /if ?><?cs /def ?>
<?cs def:content() ?>
<?cs if:Mail.id ?>
<div class="page-head">
  <h1><?cs var:L.intake.title ?> #<?cs var:Mail.id ?></h1>
  <a class="btn" href="<?cs var:Site.base ?>/admin/mail"><?cs var:L.intake.back ?></a>
</div>
<?cs call:admin_nav() ?>
<div class="card intake-mail">
  <p class="intake-why"><span class="badge intake-<?cs var:Mail.outcome ?>"><?cs var:L.intake.outcome[Mail.outcome] ?></span> <?cs call:why(Mail) ?></p>
  <dl class="intake-facts">
    <dt><?cs var:L.intake.col.at ?></dt><dd><time datetime="<?cs var:Mail.at_iso ?>"><?cs var:Mail.at ?></time></dd>
    <dt><?cs var:L.intake.col.from ?></dt><dd><?cs if:Mail.from_name ?><?cs var:Mail.from_name ?> &lt;<?cs var:Mail.from ?>&gt;<?cs else ?><?cs var:Mail.from ?><?cs /if ?></dd>
    <dt><?cs var:L.intake.col.subject ?></dt><dd><?cs var:Mail.subject ?></dd>
    <dt>Message-ID</dt><dd><code><?cs var:Mail.message_id ?></code></dd>
    <dt><?cs var:L.intake.col.size ?></dt><dd><?cs var:Mail.size ?> · UID <?cs var:Mail.uid ?></dd>
    <?cs if:Mail.ticket_id ?><dt><?cs var:L.intake.col.ticket ?></dt><dd><a href="<?cs var:Site.base ?>/requests/<?cs var:Mail.ticket_id ?>">#<?cs var:Mail.ticket_id ?></a><?cs if:Mail.new_ticket_id ?> → <a href="<?cs var:Site.base ?>/requests/<?cs var:Mail.new_ticket_id ?>">#<?cs var:Mail.new_ticket_id ?></a><?cs /if ?></dd><?cs /if ?>
    <?cs if:Mail.note ?><dt><?cs var:L.intake.col.note ?></dt><dd><?cs var:Mail.note ?></dd><?cs /if ?>
  </dl>
  <h2><?cs var:L.intake.headers ?></h2>
  <pre class="intake-headers"><?cs var:Mail.headers ?></pre>
</div>
<?cs else ?>
<div class="page-head">
  <h1><?cs var:L.intake.title ?></h1>
</div>
<?cs call:admin_nav() ?>
<p class="muted"><?cs var:L.intake.lead ?></p>
<nav class="tabs" aria-label="<?cs var:L.intake.filter ?>">
  <a href="<?cs var:Site.base ?>/admin/mail"<?cs if:!Form.outcome ?> aria-current="page"<?cs /if ?>><?cs var:L.intake.all ?></a>
  <?cs each:o = L.intake.outcome ?><a href="<?cs var:Site.base ?>/admin/mail?outcome=<?cs var:name(o) ?>"<?cs if:Form.outcome == name(o) ?> aria-current="page"<?cs /if ?>><?cs var:o ?></a>
  <?cs /each ?>
</nav>
<?cs if:subcount(Mails) ?>
<div class="table-wrap">
<table class="tickets intake">
  <thead><tr>
    <th scope="col"><?cs var:L.intake.col.at ?></th><th scope="col"><?cs var:L.intake.col.from ?></th>
    <th scope="col"><?cs var:L.intake.col.subject ?></th><th scope="col"><?cs var:L.intake.col.what ?></th>
  </tr></thead>
  <tbody>
  <?cs each:m = Mails ?>
  <tr id="mail-<?cs var:m.id ?>">
    <td class="col-created" data-label="<?cs var:L.intake.col.at ?>"><a href="<?cs var:Site.base ?>/admin/mail?id=<?cs var:m.id ?>"><time datetime="<?cs var:m.at_iso ?>"><?cs var:m.at ?></time></a></td>
    <td data-label="<?cs var:L.intake.col.from ?>"><?cs var:m.from ?></td>
    <td class="col-subject" data-label="<?cs var:L.intake.col.subject ?>"><a href="<?cs var:Site.base ?>/admin/mail?id=<?cs var:m.id ?>"><?cs if:m.subject ?><?cs var:m.subject ?><?cs else ?><?cs var:L.intake.no_subject ?><?cs /if ?></a></td>
    <td class="intake-why" data-label="<?cs var:L.intake.col.what ?>"><span class="badge intake-<?cs var:m.outcome ?>"><?cs var:L.intake.outcome[m.outcome] ?></span> <?cs call:why(m) ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs if:List.next ?><nav class="pager" aria-label="<?cs var:L.intake.pages ?>"><span></span><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.intake.older ?> →</a></nav><?cs /if ?>
<?cs else ?>
<div class="card empty-state"><h2><?cs var:L.intake.empty ?></h2><p><?cs var:L.intake.empty_text ?></p></div>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
