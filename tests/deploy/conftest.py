"""conftest.py - the deployment tests' fixtures: one staged install (make install DESTDIR=...) with its own database."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from deploy import configure, drop_db, make_install, scratch_db, workdir  # noqa: E402


@pytest.fixture(scope="session")
def install():
    dest = workdir("install")
    out = make_install(dest)
    db, user, pw = scratch_db("inst")
    config = configure(dest, db, user, pw)
    yield {"dest": dest, "db": db, "user": user, "password": pw, "config": config, "out": out}
    drop_db(db)
