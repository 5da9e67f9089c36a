<?cs # agent/parts.cs - parts of the agent pages: the queue column, an audit event as a sentence, the shortcut help. ?>
<?cs def:queue_nav() ?>
<nav class="queue-nav" aria-label="<?cs var:L.agent.queues ?>">
  <ul>
  <?cs each:q = Queues ?>
    <li><a href="<?cs var:Site.base ?><?cs var:q.url ?>"<?cs if:Page.queue == q.name ?> aria-current="page"<?cs /if ?>>
      <span><?cs var:L.agent.queue[q.name] ?></span><?cs if:q.count ?><span class="count"><?cs var:q.count ?></span><?cs /if ?></a></li>
  <?cs /each ?>
  </ul>
  <div class="queue-nav-foot">
    <a href="<?cs var:Site.base ?>/agent/macros"><?cs var:L.agent.macros_link ?></a>
    <a href="<?cs var:Site.base ?>/agent/reports/csat"><?cs var:L.report.csat.link ?></a>
    <?cs if:User.admin ?><a href="<?cs var:Site.base ?>/admin"><?cs var:L.nav.admin ?></a><?cs /if ?>
  </div>
</nav>
<?cs /def ?>

<?cs # one value of an event, in words: statuses and priorities are translated, ids are names already ?>
<?cs def:event_value(kind, v) ?><?cs if:kind == "status" || kind == "created" ?><?cs var:L.status[v] ?><?cs elif:kind == "priority" ?><?cs var:L.priority[v] ?><?cs elif:kind == "urgency_review" ?><?cs var:L.agent.review_state[v] ?><?cs elif:kind == "approval" ?><?cs var:L.approvals.state[v] ?><?cs elif:kind == "merged_into" || kind == "merged_from" || kind == "follow_up" ?>#<?cs var:v ?><?cs elif:v ?><?cs var:v ?><?cs else ?><?cs var:L.agent.nobody ?><?cs /if ?><?cs /def ?>
<?cs def:event_item(e) ?>
<li>
  <span class="event-what"><strong><?cs var:e.who ?></strong> <?cs var:L.agent.event[e.kind] ?><?cs if:e.kind == "created" ?> (<?cs call:event_value(e.kind, e.new) ?>)<?cs else ?>: <?cs if:e.old ?><del><?cs call:event_value(e.kind, e.old) ?></del> → <?cs /if ?><?cs call:event_value(e.kind, e.new) ?><?cs /if ?></span>
  <?cs if:e.note && ((e.kind == "urgency_review" && e.note != "accepted") || (e.kind == "approval" && e.note != "self" && e.note != "order" && e.note != "admin")) ?><span class="event-note"><?cs var:e.note ?></span><?cs /if ?>
  <time datetime="<?cs var:e.at_iso ?>"><?cs var:e.at ?></time>
</li>
<?cs /def ?>

<?cs def:shortcut_help(where) ?>
<details class="shortcuts">
  <summary><?cs var:L.agent.keys.title ?></summary>
  <dl class="menu-panel">
    <?cs if:where == "list" ?>
    <dt><kbd>j</kbd> <kbd>k</kbd></dt><dd><?cs var:L.agent.keys.rows ?></dd>
    <dt><kbd>Enter</kbd></dt><dd><?cs var:L.agent.keys.open ?></dd>
    <dt><kbd>/</kbd></dt><dd><?cs var:L.agent.keys.search ?></dd>
    <?cs else ?>
    <dt><kbd>r</kbd></dt><dd><?cs var:L.agent.keys.reply ?></dd>
    <dt><kbd>n</kbd></dt><dd><?cs var:L.agent.keys.note ?></dd>
    <dt><kbd>t</kbd></dt><dd><?cs var:L.agent.keys.take ?></dd>
    <dt><kbd>j</kbd></dt><dd><?cs var:L.agent.keys.next ?></dd>
    <dt><kbd>Ctrl</kbd>+<kbd>Enter</kbd></dt><dd><?cs var:L.agent.keys.send ?></dd>
    <?cs /if ?>
  </dl>
</details>
<?cs /def ?>
