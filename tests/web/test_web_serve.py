"""`heron serve`: starts on loopback, prints the URL, says what is wrong in words."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from heron.cli import app


def test_serve_names_a_missing_store(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # the terminal wraps long messages
    assert "does not exist" in said and "make run" in said


def test_serve_says_when_the_port_is_taken(crafted_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(crafted_db), "--port", str(port)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"cannot listen on 127.0.0.1:{port}" in said and "--port" in said


def test_serve_binds_loopback_prints_the_url_and_answers(crafted_db):
    env = {**os.environ, "HERON_DB": str(crafted_db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "heron.cli", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            proc.wait(timeout=30)
            raise AssertionError(proc.stderr.read() if proc.stderr else "no output")
        assert line.startswith("Heron dashboard: http://127.0.0.1:"), line
        url = line.split()[2]
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "api/overview", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_asks_for_an_older_store_to_be_migrated_first(tmp_path):
    import duckdb

    from heron.store import migrations

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    migrations.migrate(con, migrations.MIGRATIONS[:2])  # a store from before document texts
    con.close()
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "needs migrating" in said and "0005_document_text" in said
