"""test_galera_rules.py - the schema meets Galera's rules: InnoDB only, a primary key on every table, no LOCK TABLES
and no GET_LOCK (named locks are node-local: singletons use row claims)."""
import glob
import os
import re

from deploy import ROOT, STACK, root_sql


def test_every_table_is_innodb_with_a_primary_key():
    bad = root_sql("SELECT t.table_name, t.engine FROM information_schema.tables t WHERE t.table_schema = 'tresen' "
                   "AND t.table_type = 'BASE TABLE' AND (t.engine <> 'InnoDB' OR NOT EXISTS ("
                   "SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema "
                   "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'))")
    assert bad.strip() == "", bad


def test_no_table_locks_or_named_locks_in_sql_or_code():
    files = glob.glob(os.path.join(ROOT, "sql", "*.sql"))
    for folder in ("lib", "cgi-bin", "cron", "tools"):
        files += glob.glob(os.path.join(ROOT, folder, "**", "*.c"), recursive=True)
    for f in files:
        text = open(f, errors="replace").read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)          # comments may name them
        text = re.sub(r"--[^\n]*", "", text) if f.endswith(".sql") else text
        assert not re.search(r"\bLOCK\s+TABLES?\b", text, re.I), f
        assert not re.search(r"\bGET_LOCK\s*\(", text, re.I), f
        assert not re.search(r"ENGINE\s*=\s*(?!InnoDB)\w+", text, re.I), f
