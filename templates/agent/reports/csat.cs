<?cs # agent/reports/csat.cs - /agent/reports/csat: satisfaction score per agent, group, form or month
     (R-CSAT 4), a bar chart drawn as inline SVG from the page's numbers, reasons and comments. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<section class="report csat-report" aria-labelledby="report-title">
  <div class="page-head">
    <h1 id="report-title"><?cs var:L.report.csat.title ?></h1>
    <a class="btn" href="<?cs var:Site.base ?><?cs var:Report.csv ?>"><?cs var:L.report.csat.csv ?></a>
  </div>
  <p class="lead"><?cs var:L.report.csat.lead ?></p>
  <form class="filters filter-row" method="get" action="<?cs var:Site.base ?>/agent/reports/csat">
    <label><span><?cs var:L.report.csat.from ?></span><input type="date" name="from" value="<?cs var:Report.from ?>"></label>
    <label><span><?cs var:L.report.csat.to ?></span><input type="date" name="to" value="<?cs var:Report.to ?>"></label>
    <label><span><?cs var:L.report.csat.by ?></span>
      <select name="by">
        <option value="agent"<?cs if:Report.by == "agent" ?> selected<?cs /if ?>><?cs var:L.report.csat.by_agent ?></option>
        <option value="group"<?cs if:Report.by == "group" ?> selected<?cs /if ?>><?cs var:L.report.csat.by_group ?></option>
        <option value="form"<?cs if:Report.by == "form" ?> selected<?cs /if ?>><?cs var:L.report.csat.by_form ?></option>
        <option value="month"<?cs if:Report.by == "month" ?> selected<?cs /if ?>><?cs var:L.report.csat.by_month ?></option>
      </select>
    </label>
    <button class="btn btn-primary" type="submit"><?cs var:L.report.csat.show ?></button>
  </form>
  <p class="csat-total"><strong><?cs var:L.report.csat.score ?>: <span id="csat-score"><?cs var:Report.total.score ?></span> %</strong>
    (<?cs var:Report.total.good ?> / <?cs var:Report.total.n ?> <?cs var:L.report.csat.count ?>)</p>
  <?cs if:Report.n == 0 ?>
  <p class="muted"><?cs var:L.report.csat.empty ?></p>
  <?cs else ?>
  <figure class="csat-chart">
    <svg role="img" aria-labelledby="chart-title" viewBox="0 0 560 <?cs var:Report.chart_h ?>" width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id="chart-title"><?cs var:Report.chart_title ?></title>
      <?cs each:r = Report.rows ?>
      <text x="192" y="<?cs var:r.ty ?>" text-anchor="end" font-size="13"><?cs var:r.label ?></text>
      <rect x="200" y="<?cs var:r.y ?>" width="300" height="20" fill="#eef0f3"></rect>
      <rect x="200" y="<?cs var:r.y ?>" width="<?cs var:r.w ?>" height="20" fill="#0f6b64"></rect>
      <text x="<?cs var:r.tx ?>" y="<?cs var:r.ty ?>" font-size="13"><?cs var:r.score ?> %</text>
      <?cs /each ?>
    </svg>
    <figcaption><?cs var:Report.chart_title ?></figcaption>
  </figure>
  <div class="table-wrap table-scroll">
  <table class="table csat-table">
    <thead><tr><th scope="col"><?cs var:Report.by_label ?></th><th scope="col"><?cs var:L.report.csat.count ?></th><th scope="col"><?cs var:L.report.csat.good ?></th><th scope="col"><?cs var:L.report.csat.score ?></th>
      <?cs each:l = Report.levels ?><th scope="col"><?cs var:l ?></th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:r = Report.rows ?>
    <tr><th scope="row"><?cs var:r.label ?></th><td><?cs var:r.n ?></td><td><?cs var:r.good ?></td><td><?cs var:r.score ?> %</td>
      <?cs each:v = r.levels ?><td><?cs var:v ?></td><?cs /each ?></tr>
    <?cs /each ?>
    </tbody>
    <tfoot><tr><th scope="row"><?cs var:L.report.csat.total ?></th><td><?cs var:Report.total.n ?></td><td><?cs var:Report.total.good ?></td><td><?cs var:Report.total.score ?> %</td>
      <?cs each:v = Report.total.levels ?><td><?cs var:v ?></td><?cs /each ?></tr></tfoot>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:subcount(Report.reasons) ?>
  <h2><?cs var:L.report.csat.reasons ?></h2>
  <ul class="csat-reasons"><?cs each:r = Report.reasons ?><li><?cs var:r.label ?>: <?cs var:r.n ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <?cs if:subcount(Report.comments) ?>
  <h2><?cs var:L.report.csat.comments ?></h2>
  <div class="table-wrap table-scroll">
  <table class="table csat-comments">
    <thead><tr><th scope="col"><?cs var:L.report.csat.ticket ?></th><th scope="col"><?cs var:L.report.csat.rating ?></th><th scope="col"><?cs var:L.report.csat.reason ?></th><th scope="col"><?cs var:L.report.csat.comment ?></th><th scope="col"><?cs var:L.report.csat.agent ?></th><th scope="col"><?cs var:L.report.csat.at ?></th></tr></thead>
    <tbody>
    <?cs each:c = Report.comments ?>
    <tr><td><a href="<?cs var:Site.base ?>/agent/tickets/<?cs var:c.ticket ?>">#<?cs var:c.ticket ?></a></td><td><?cs var:c.rating ?></td><td><?cs var:c.reason ?></td><td class="csat-comment"><?cs var:c.comment ?></td><td><?cs var:c.agent ?></td><td><?cs var:c.at ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
