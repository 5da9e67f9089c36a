<?cs # agent.cs - /agent: the queues with counts on the left, filters and the dense ticket list (R-AGT). ?>
<?cs include:"macros.cs" ?>
<?cs include:"agent/parts.cs" ?>
<?cs def:content() ?>
<div class="agent-layout">
  <?cs call:queue_nav() ?>
  <section class="queue-main" aria-labelledby="queue-title">
    <div class="page-head">
      <h1 id="queue-title"><?cs var:L.agent.queue[List.queue] ?></h1>
      <?cs call:shortcut_help("list") ?>
    </div>
    <form class="filters filters-dense" method="get" action="<?cs var:Site.base ?>/agent" role="search">
      <input type="hidden" name="queue" value="<?cs var:List.queue ?>">
      <div class="filter-search">
        <label class="visually-hidden" for="f-q"><?cs var:L.agent.search ?></label>
        <input id="f-q" type="search" name="q" value="<?cs var:Form.q ?>" placeholder="<?cs var:L.agent.search_placeholder ?>" data-key="/">
      </div>
      <div class="filter-row">
        <label><span><?cs var:L.requests.status ?></span>
          <select name="status">
            <option value=""><?cs var:L.requests.any ?></option>
            <?cs each:s = L.status ?><option value="<?cs var:name(s) ?>"<?cs if:Form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.requests.type ?></span>
          <select name="type">
            <option value=""><?cs var:L.requests.any ?></option>
            <?cs each:s = L.type ?><option value="<?cs var:name(s) ?>"<?cs if:Form.type == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.ticket.priority ?></span>
          <select name="priority">
            <option value=""><?cs var:L.requests.any ?></option>
            <?cs each:s = L.priority ?><option value="<?cs var:name(s) ?>"<?cs if:Form.priority == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.agent.group ?></span>
          <select name="group">
            <option value=""><?cs var:L.requests.any ?></option>
            <?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:Form.group == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.ticket.assignee ?></span>
          <select name="assignee">
            <option value=""><?cs var:L.requests.any ?></option>
            <option value="-1"<?cs if:Form.assignee == "-1" ?> selected<?cs /if ?>><?cs var:L.agent.nobody ?></option>
            <?cs each:a = Agents ?><option value="<?cs var:a.id ?>"<?cs if:Form.assignee == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
          </select>
        </label>
        <label><span><?cs var:L.agent.org ?></span><input type="text" name="org" value="<?cs var:Form.org ?>" maxlength="100"></label>
        <label><span><?cs var:L.requests.from ?></span><input type="date" name="from" value="<?cs var:Form.from ?>"></label>
        <label><span><?cs var:L.requests.to ?></span><input type="date" name="to" value="<?cs var:Form.to ?>"></label>
        <label><span><?cs var:L.requests.sort ?></span>
          <select name="sort">
            <?cs each:s = L.agent.sorts ?><option value="<?cs var:name(s) ?>"<?cs if:Form.sort == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
          </select>
        </label>
        <div class="filter-actions">
          <button class="btn btn-primary" type="submit"><?cs var:L.requests.apply ?></button>
          <?cs if:List.filtered ?><a class="btn" href="<?cs var:Site.base ?><?cs var:List.reset ?>"><?cs var:L.requests.reset ?></a><?cs /if ?>
        </div>
      </div>
    </form>
    <?cs if:List.searched == "1" ?><p class="muted" role="status"><?cs include:"search_found.cs" ?></p><?cs /if ?>

    <?cs if:subcount(Tickets) ?>
    <div class="table-wrap">
    <table class="tickets tickets-dense" data-rows>
      <thead><tr>
        <th scope="col" class="col-id">#</th>
        <th scope="col" class="col-subject"><?cs var:L.requests.col.subject ?></th>
        <th scope="col"><?cs var:L.agent.col.requester ?></th>
        <th scope="col"><?cs var:L.requests.col.status ?></th>
        <th scope="col"><?cs var:L.requests.col.priority ?></th>
        <th scope="col"><?cs var:L.agent.col.owner ?></th>
        <th scope="col" class="col-updated"><?cs var:L.agent.col.waiting ?></th>
        <th scope="col" class="col-sla"><?cs var:L.agent.col.sla ?></th>
      </tr></thead>
      <tbody>
      <?cs # aliases: a name found among the loop's locals costs ClearSilver one short lookup per row instead of a walk from the top ?>
      <?cs with:base = Site.base ?><?cs with:queue = List.queue ?><?cs with:al = L.agent ?><?cs with:ac = L.agent.col ?><?cs with:rc = L.requests.col ?><?cs with:sn = L.status ?><?cs with:pn = L.priority ?>
      <?cs each:t = Tickets ?>
        <tr>
          <td class="col-id">#<?cs var:t.id ?></td>
          <td class="col-subject">
            <a href="<?cs var:base ?>/agent/tickets/<?cs var:t.id ?>?queue=<?cs var:queue ?>"><?cs var:t.subject ?></a>
            <?cs if:t.urgent ?> <span class="tag tag-urgent"><?cs var:al.urgent_tag ?></span><?cs /if ?>
            <?cs if:t.awaiting ?> <span class="tag tag-replied"><?cs var:al.replied_tag ?></span><?cs /if ?>
          </td>
          <td data-label="<?cs var:ac.requester ?>"><?cs var:t.requester ?><?cs if:t.org ?> <span class="muted">· <?cs var:t.org ?></span><?cs /if ?></td>
          <td class="col-status"><span class="badge status-<?cs var:t.status ?>"><?cs var:sn[t.status] ?></span></td>
          <td data-label="<?cs var:rc.priority ?>"><span class="prio prio-<?cs var:t.priority ?>"><?cs var:pn[t.priority] ?></span></td>
          <td data-label="<?cs var:ac.owner ?>"><?cs if:t.assignee ?><?cs var:t.assignee ?><?cs else ?><span class="muted">–</span><?cs /if ?><?cs if:t.group ?> <span class="muted">· <?cs var:t.group ?></span><?cs /if ?></td>
          <td class="col-updated" data-label="<?cs var:ac.waiting ?>"><time datetime="<?cs var:t.updated_iso ?>" title="<?cs var:t.updated ?>"><?cs var:t.waiting ?></time></td>
          <td class="col-sla" data-label="<?cs var:ac.sla ?>"><?cs if:t.sla ?><time class="sla<?cs if:t.sla_breached ?> sla-breached<?cs /if ?>" datetime="<?cs var:t.sla_due_iso ?>" title="<?cs var:t.sla_due ?>"><?cs var:t.sla ?></time><?cs else ?><span class="muted">–</span><?cs /if ?></td>
        </tr>
      <?cs /each ?>
      <?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?><?cs /with ?>
      </tbody>
    </table>
    </div>
    <?cs if:List.paged == "1" ?>
    <nav class="pager" aria-label="<?cs var:L.requests.pages ?>">
      <?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.requests.prev ?></a><?cs else ?><span></span><?cs /if ?>
      <span class="muted"><?cs var:L.requests.page ?> <?cs var:List.page ?></span>
      <?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.requests.next ?> →</a><?cs else ?><span></span><?cs /if ?>
    </nav>
    <?cs /if ?>
    <?cs else ?>
    <div class="card empty-state"><p><?cs if:List.filtered ?><?cs var:L.agent.empty_filtered ?><?cs else ?><?cs var:L.agent.empty ?><?cs /if ?></p></div>
    <?cs /if ?>
  </section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
