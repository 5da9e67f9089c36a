"""test_explain.py - the list, search, ticket page and download queries use indexes only (R-LIST 4, §15).

Loads 20,000 generated tickets (bench/gen-data) into the test database, then runs
tresen-explain: every SELECT of those pages is EXPLAINed through the library and a
full table or index scan of a data table fails the run."""
import json
import os
import re
import subprocess

from conftest import STACK, tool


def test_no_full_scans_on_a_realistic_database():
    gen = subprocess.run(["/usr/bin/python3", os.path.join(STACK["root"], "bench", "gen-data"), "--dir", STACK["dir"],
                          "--tickets", "20000", "--orgs", "50", "--users", "2000"], capture_output=True, text=True)
    assert gen.returncode == 0, gen.stdout + gen.stderr
    out = tool("explain", "bench0@grosskunde.example", "Heizung", "agent@tresen.example")
    assert out.endswith("0 full scans")
    # the organization list of the big customer really was exercised
    assert "list scope=2 q=- status=-1 type=-1 sort=0 page=1: 25 rows (more)" in out
    assert "list scope=2 q=Heizung" in out
    assert "list scope=2 q=Heiz Fehl status=-1 type=-1 sort=0 page=1: " in out
    # and the agent workspace: every queue, the search over all organizations, the ticket page
    for name in ("unassigned", "mine", "groups", "pending", "solved", "urgent", "replied"):
        assert f"queue {name} q=- org=- page=1: " in out
        assert f"queue {name} q=- org=- page=2 sort=sla: " in out
    assert re.search(r"queue all q=Heizung org=- page=1: [1-9]\d* rows", out)
    assert "queue all q=- org=- page=40: 25 rows (more)" in out
    assert "agent ticket " in out
    # the help centre's search (sql/019_hc_search.sql): one word, two, prefixes, a section, a later page
    for typed in ("Heizung", "Heizung Fehler", "Heizu", "Heiz"):
        for level in (0, 1):
            assert f"hc q={typed} level={level} section=0 offset=0: " in out
    # the posting lists with a very common word (17 % of the tickets) and a common one (3 %):
    # recency and relevance, page 50, two words, a prefix; counts bounded ("more than 1000")
    terms = json.load(open(os.path.join(STACK["dir"], "gen", "terms.json")))
    very, common = terms["very_common"], terms["common"]
    out = tool("explain", "bench0@grosskunde.example", very, "agent@tresen.example", common)
    assert out.endswith("0 full scans"), out
    assert re.search(rf"list scope=2 q={very} status=-1 type=-1 sort=2 page=1: 25 rows \(more\), found \d+", out)
    assert re.search(rf"list scope=2 q={very} {common} status=-1 type=-1 sort=2 page=1: \d+ rows", out)
    assert re.search(rf"queue all q={very} org=- page=1: 25 rows \(more\), found more than 1000", out)
    assert re.search(rf"queue all q={very} org=- page=50: 25 rows \(more\), found more than 1000", out)
