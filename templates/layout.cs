<?cs # layout.cs - the frame of every page: header, notices, main content (macro content), footer.
     A page template defines content() and then includes this file. ?><!doctype html>
<html lang="<?cs var:Page.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.title ?><?cs var:Page.title ?> · <?cs /if ?><?cs var:Site.name ?></title>
<link rel="stylesheet" href="<?cs var:Site.base ?>/css/tresen.css">
<link rel="icon" href="<?cs var:Site.base ?>/img/favicon.svg" type="image/svg+xml">
<script src="<?cs var:Site.base ?>/js/tresen.js" defer></script>
<?cs if:Page.section == "agent" ?><script src="<?cs var:Site.base ?>/js/agent.js" defer></script><?cs /if ?>
</head>
<body class="page-<?cs var:Page.name ?><?cs if:Page.section ?> section-<?cs var:Page.section ?><?cs /if ?>">
<a class="skip-link" href="#main"><?cs var:L.nav.skip ?></a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="brand" href="<?cs var:Site.base ?>/">
      <span class="brand-mark" aria-hidden="true"></span>
      <span class="brand-name"><?cs var:Site.name ?></span>
    </a>
    <?cs # the section links: in the row on wide screens, behind a menu button on phones (the same links; one shows) ?>
    <?cs def:section_links() ?>
      <a href="<?cs var:Site.base ?>/hc"<?cs if:Page.section == "hc" ?> aria-current="page"<?cs /if ?>><?cs var:L.nav.help ?></a>
      <?cs if:User.agent || User.admin ?>
      <?cs # staff raise no requests of their own: their links are the workspace and the administration ?>
      <a href="<?cs var:Site.base ?>/agent"<?cs if:Page.section == "agent" ?> aria-current="page"<?cs /if ?>><?cs var:L.nav.agent ?></a>
      <?cs if:User.admin ?><a href="<?cs var:Site.base ?>/admin"<?cs if:Page.section == "admin" ?> aria-current="page"<?cs /if ?>><?cs var:L.nav.admin ?></a><?cs /if ?>
      <?cs else ?>
      <a href="<?cs var:Site.base ?>/requests/new"<?cs if:Page.section == "new" ?> aria-current="page"<?cs /if ?>><?cs var:L.nav.new_request ?></a>
      <?cs if:User.id ?><a href="<?cs var:Site.base ?>/requests"<?cs if:Page.section == "requests" ?> aria-current="page"<?cs /if ?>><?cs var:L.nav.my_requests ?></a><?cs /if ?>
      <?cs /if ?>
    <?cs /def ?>
    <nav class="main-nav" aria-label="<?cs var:L.nav.main ?>">
      <div class="nav-links"><?cs call:section_links() ?></div>
      <details class="nav-menu">
        <summary class="nav-toggle"><span class="nav-bars" aria-hidden="true"></span><span class="nav-toggle-text"><?cs var:L.nav.menu ?></span></summary>
        <div class="menu-panel nav-panel"><?cs call:section_links() ?></div>
      </details>
      <?cs if:User.id ?>
      <details class="user-menu">
        <summary>
          <span class="avatar" aria-hidden="true"><?cs var:User.initials ?></span>
          <span class="user-name"><?cs var:User.name ?></span>
          <span class="visually-hidden"><?cs var:L.nav.account ?></span>
        </summary>
        <div class="menu-panel">
          <div class="menu-who">
            <strong><?cs var:User.name ?></strong>
            <span><?cs var:User.email ?></span>
            <?cs if:User.org ?><span><?cs var:User.org ?></span><?cs /if ?>
          </div>
          <a href="<?cs var:Site.base ?>/profile"><?cs var:L.nav.profile ?></a>
          <a href="<?cs var:Page.lang_url ?>" hreflang="<?cs var:Page.other_lang ?>"><?cs var:L.footer.language ?>: <?cs var:Page.other_lang_name ?></a>
          <form method="post" action="<?cs var:Site.base ?>/logout">
            <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
            <button type="submit" class="menu-button"><?cs var:L.nav.logout ?></button>
          </form>
        </div>
      </details>
      <?cs else ?>
      <a class="btn btn-small" href="<?cs var:Site.base ?>/login"><?cs var:L.nav.login ?></a>
      <?cs /if ?>
    </nav>
  </div>
</header>
<?cs if:Page.urgent_notice ?>
<div class="urgent-bar" role="status"><div class="wrap"><strong><?cs var:L.hc.urgent ?>:</strong> <a href="<?cs var:Page.urgent_url ?>"><?cs var:Page.urgent_notice ?></a></div></div>
<?cs /if ?>
<main id="main" class="wrap main">
<?cs if:Page.notice ?><div class="flash" role="status"><?cs var:Page.notice ?></div><?cs /if ?>
<?cs call:content() ?>
</main>
<footer class="site-footer">
  <div class="wrap footer-inner">
    <span><?cs var:Site.name ?> · <?cs var:L.footer.tagline ?></span>
    <nav aria-label="<?cs var:L.footer.nav ?>" class="footer-links">
      <?cs # the legal and static pages (R-HC 5); before the database answered, the two legal ones ?>
      <?cs if:subcount(Footer.pages) ?><?cs each:fp = Footer.pages ?><a href="<?cs var:fp.url ?>"><?cs if:fp.slug == "imprint" ?><?cs var:L.footer.imprint ?><?cs elif:fp.slug == "privacy" ?><?cs var:L.footer.privacy ?><?cs else ?><?cs var:fp.title ?><?cs /if ?></a>
      <?cs /each ?><?cs else ?><a href="<?cs var:Site.base ?>/hc/imprint"><?cs var:L.footer.imprint ?></a>
      <a href="<?cs var:Site.base ?>/hc/privacy"><?cs var:L.footer.privacy ?></a>
      <?cs /if ?>
      <a href="<?cs var:Page.lang_url ?>" hreflang="<?cs var:Page.other_lang ?>" lang="<?cs var:Page.other_lang ?>"><?cs var:Page.other_lang_name ?></a>
    </nav>
  </div>
</footer>
</body>
</html>
