"""Start/stop, clean shutdown, TLS and the command line (issue §8)."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time

import httpx
import pytest

from gc_highlevel.testing import ContractError, LocalGrandChallenge, seed_token


def test_start_stop_leaves_no_threads_or_ports() -> None:
    before = {t.ident for t in threading.enumerate()}
    gc = LocalGrandChallenge(seed=False)
    gc.start()
    port, storage_port = gc._api.port, gc.storage.public.port
    assert httpx.get(gc.api_url + "gcapi/").status_code == 200
    gc.stop()
    time.sleep(0.1)
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert leftover == []
    for p in (port, storage_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0


def test_stop_after_real_work_leaves_no_threads_or_ports() -> None:
    """Seeded, strict, with an upload, an import and a job in flight: still nothing left over."""
    before = {t.ident for t in threading.enumerate()}
    gc = LocalGrandChallenge(seed=True, strict=True)
    gc.start()
    ports = (gc._api.port, gc.storage.public.port)
    with httpx.Client(base_url=gc.api_url, headers=gc.headers()) as demo:
        (archive,) = demo.get("archives/", params={"slug": "coronacasesorg"}).json()["results"]
        image = demo.get("cases/images/", params={"archive": archive["pk"]}).json()["results"][0]
        (algorithm,) = demo.get("algorithms/", params={"slug": "corads-ai"}).json()["results"]
        job = demo.post(
            "algorithms/jobs/",
            json={
                "algorithm": algorithm["api_url"],
                "inputs": [{"interface": "generic-medical-image", "image": image["api_url"]}],
            },
        )
        assert job.status_code == 201, job.text
        upload = demo.post("uploads/", json={"filename": "x.mha"})
        assert upload.status_code == 201, upload.text
    gc.stop()  # while the job may still run: stop must not wait for it or leak its worker
    time.sleep(0.1)
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert leftover == []
    for p in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0


def test_tls_and_strict_mismatch_raises() -> None:
    gc = LocalGrandChallenge(tls=True, seed=True, strict_requests=True)
    with gc:
        assert gc.api_url.startswith("https://127.0.0.1:")
        ctx = ssl.create_default_context(cafile=gc.ca_cert_path)
        r = httpx.get(gc.api_url + "archives/", headers=gc.headers(), verify=ctx)
        assert r.status_code == 200
        httpx.post(gc.api_url + "uploads/", json={"filename": 1}, headers=gc.headers(), verify=ctx)
        with pytest.raises(ContractError):
            gc.check()


def test_cli_serve_json() -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gc_highlevel.testing", "serve", "--port", "0", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        info = json.loads(line)
        assert info["api_url"].startswith("http://127.0.0.1:") and info["api_url"].endswith(
            "/api/v1/"
        )
        assert sorted(info["tokens"]) == ["demo", "outsider", "reader"]
        r = httpx.get(
            info["api_url"] + "archives/",
            headers={"Authorization": f"Bearer {info['tokens']['demo']}"},
        )
        assert r.status_code == 200 and r.json()["count"] == 2
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_cli_default_command_and_sigterm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gc_highlevel.testing", "--latency-ms", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("Local grand-challenge API: http://127.0.0.1:")
        api_url = first.split(": ", 1)[1].strip()
        assert httpx.get(api_url + "gcapi/").status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_port_in_use_raises_oserror() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        before = {t.ident for t in threading.enumerate()}
        with pytest.raises(OSError):
            LocalGrandChallenge(port=port, seed=False).start()
        with pytest.raises(OSError):
            LocalGrandChallenge(storage_port=port, seed=False).start()
        time.sleep(0.1)
        assert [t for t in threading.enumerate() if t.ident not in before] == []


def test_seed_is_deterministic(gc: LocalGrandChallenge) -> None:
    archives = sorted(a.pk for a in gc.state.archives.values())
    images = sorted(i.pk for i in gc.state.images.values())
    gc.reset()
    assert sorted(a.pk for a in gc.state.archives.values()) == archives
    assert sorted(i.pk for i in gc.state.images.values()) == images
    assert gc.tokens["demo"] == seed_token("demo")


def test_keep_alive_connections() -> None:
    gc = LocalGrandChallenge(seed=False)
    gc.start()
    try:
        with socket.create_connection(("127.0.0.1", gc._api.port)) as s:
            f = s.makefile("rb")
            body = b'{"filename": "x"}'
            # a write without a token: 401 without reading the body; the connection survives
            s.sendall(
                b"POST /api/v1/uploads/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            status = f.readline()
            assert b" 401 " in status
            headers = {}
            while (line := f.readline()) not in (b"\r\n", b""):
                k, v = line.decode().split(":", 1)
                headers[k.strip().lower()] = v.strip()
            assert "connection" not in headers
            f.read(int(headers["content-length"]))
            s.sendall(b"GET /api/v1/gcapi/ HTTP/1.1\r\nHost: x\r\n\r\n")
            assert b" 200 " in f.readline()
            f.close()
        # an idle kept-alive client does not hold up stop()
        client = httpx.Client()
        assert client.get(gc.api_url + "gcapi/").status_code == 200
        t0 = time.monotonic()
        gc.stop()
        assert time.monotonic() - t0 < 3
        client.close()
    finally:
        gc.stop()
