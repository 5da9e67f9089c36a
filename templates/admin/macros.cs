<?cs # admin/macros.cs - /admin/macros: the shared macros; the same page as an agent's own (agent/macros.cs). ?>
<?cs include:"agent/macros.cs" ?>
