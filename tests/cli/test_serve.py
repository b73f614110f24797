"""`quotidien serve` as a user starts it: it says where it listens, answers, and stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from conftest import free_port


def test_serve_prints_its_address_and_answers(tmp_path: Path) -> None:
    port = free_port()
    program = str(Path(sys.executable).parent / "quotidien")
    command = [program, "serve", "--db", str(tmp_path / "c.db"), "--port", str(port)]
    env = {**os.environ, "QUOTIDIEN_TOKEN": "secret"}
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        answer = None
        for _ in range(200):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/info", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer is not None, "the server did not answer"
        assert answer.json()["articles"] == 0
        assert answer.json()["writes"] is True  # the token came from $QUOTIDIEN_TOKEN
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in stderr
    assert "Traceback" not in stderr
