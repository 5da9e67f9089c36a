<?cs # profile/tabs.cs - the head of every profile page: title and the tabs between its parts. ?>
<div class="page-head"><h1><?cs var:L.profile.heading ?></h1></div>
<nav class="tabs" aria-label="<?cs var:L.profile.tabs ?>">
  <a href="<?cs var:Site.base ?>/profile"<?cs if:Profile.tab == "details" ?> aria-current="page"<?cs /if ?>><?cs var:L.profile.tab.details ?></a>
  <a href="<?cs var:Site.base ?>/profile/picture"<?cs if:Profile.tab == "picture" ?> aria-current="page"<?cs /if ?>><?cs var:L.profile.tab.picture ?></a>
  <a href="<?cs var:Site.base ?>/profile/security"<?cs if:Profile.tab == "security" ?> aria-current="page"<?cs /if ?>><?cs var:L.profile.tab.security ?></a>
  <a href="<?cs var:Site.base ?>/profile/export"<?cs if:Profile.tab == "export" ?> aria-current="page"<?cs /if ?>><?cs var:L.profile.tab.export ?></a>
</nav>
