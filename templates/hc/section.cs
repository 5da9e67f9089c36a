<?cs # hc/section.cs - /hc/sections/ID: breadcrumbs, the section's articles, follow, pager. ?>
<?cs include:"macros.cs" ?>
<?cs include:"hc/parts.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.hc.breadcrumbs ?>">
  <a href="<?cs var:Site.base ?>/hc"><?cs var:L.hc.title ?></a> › <span><?cs var:Hc.section.category ?></span>
</nav>
<div class="hc-head">
  <h1><?cs var:Hc.section.name ?></h1>
  <?cs if:Hc.can_follow ?>
  <form method="post" action="<?cs var:Site.base ?>/hc/sections/<?cs var:Hc.section.id ?>">
    <?cs call:csrf_field() ?>
    <?cs if:Hc.following ?>
    <input type="hidden" name="action" value="unfollow"><button class="btn" type="submit"><?cs var:L.hc.unfollow ?></button>
    <?cs else ?>
    <input type="hidden" name="action" value="follow"><button class="btn" type="submit"><?cs var:L.hc.follow_section ?></button>
    <?cs /if ?>
  </form>
  <?cs /if ?>
</div>
<?cs if:Hc.section.description ?><p class="lead"><?cs var:Hc.section.description ?></p><?cs /if ?>
<?cs if:Hc.staff ?><p class="hc-staff-actions"><a class="btn" href="<?cs var:Site.base ?>/hc/articles/new?section=<?cs var:Hc.section.id ?>"><?cs var:L.hc.edit.new ?></a></p><?cs /if ?>
<?cs if:subcount(Hc.articles) ?>
<div class="card"><?cs call:hc_items(Hc.articles) ?></div>
<?cs else ?>
<p class="muted"><?cs var:L.hc.section_empty ?></p>
<?cs /if ?>
<?cs if:List.prev || List.next ?>
<nav class="pager" aria-label="<?cs var:L.requests.pages ?>">
  <?cs if:List.prev ?><a class="btn" rel="prev" href="<?cs var:Site.base ?><?cs var:List.prev ?>">← <?cs var:L.requests.prev ?></a><?cs else ?><span></span><?cs /if ?>
  <span class="muted"><?cs var:L.requests.page ?> <?cs var:List.page ?></span>
  <?cs if:List.next ?><a class="btn" rel="next" href="<?cs var:Site.base ?><?cs var:List.next ?>"><?cs var:L.requests.next ?> →</a><?cs else ?><span></span><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
