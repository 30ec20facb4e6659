"""Sharing results through DVC remotes, with DVC's own client against real storage: a local-path
remote and an S3-compatible server on the loopback address (moto's server, through dvc-s3).

A one-stage DVC project stands in for the pipeline (the same commands, seconds instead of
half an hour): push after a run, a fresh clone that pulls instead of computing, `make repro`'s
remote check, and experiments run in one clone and shown in another."""

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("repro_tool", REPO / "tools/repro.py")
repro_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(repro_tool)

MAKE = """import json, yaml
n = yaml.safe_load(open("params.yaml"))["n"]
open("out.txt", "w").write("x" * n)
json.dump({"n": n}, open("metrics.json", "w"))
"""
DVC_YAML = """stages:
  make:
    cmd: python make.py
    deps: [make.py]
    params: [n]
    outs: [out.txt]
    metrics:
      - metrics.json:
          cache: false
"""
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
       "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org",
       "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.org",
       "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
       "AWS_MAX_ATTEMPTS": "1"}  # an unreachable endpoint fails at once, not after botocore's retries


def sh(*args, cwd, check=True):
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if check:
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _add_remote(project, kind, tmp_path, s3_endpoint=None):
    if kind == "local":
        sh("dvc", "remote", "add", "-d", "storage", str(tmp_path / "dvc-storage"), cwd=project)
    else:
        import boto3

        bucket = f"audiolab-{tmp_path.name.lower().replace('_', '-')}"[:60]
        boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="testing",
                     aws_secret_access_key="testing").create_bucket(Bucket=bucket)
        sh("dvc", "remote", "add", "-d", "storage", f"s3://{bucket}/cache", cwd=project)
        sh("dvc", "remote", "modify", "storage", "endpointurl", s3_endpoint, cwd=project)


def _project(tmp_path, kind=None, s3_endpoint=None):
    """A git + DVC project whose stage has run and been committed (and pushed, with a remote),
    and a bare git repository it is pushed to."""
    project, bare = tmp_path / "project", tmp_path / "origin.git"
    project.mkdir()
    (project / "make.py").write_text(MAKE)
    (project / "params.yaml").write_text("n: 3\n")
    (project / "dvc.yaml").write_text(DVC_YAML)
    sh("git", "init", "-q", "-b", "main", cwd=project)
    sh("dvc", "init", "-q", cwd=project)
    sh("dvc", "config", "core.analytics", "false", cwd=project)
    if kind:
        _add_remote(project, kind, tmp_path, s3_endpoint)
    sh("dvc", "repro", "-q", cwd=project)
    sh("git", "add", "-A", cwd=project)
    sh("git", "commit", "-qm", "a run", cwd=project)
    if kind:
        sh("dvc", "push", "-q", cwd=project)
    sh("git", "init", "-q", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    sh("git", "push", "-q", str(bare), "main", cwd=project)
    return project, bare


def _clone(bare, target):
    sh("git", "clone", "-q", str(bare), str(target), cwd=bare.parent)
    return target


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_a_fresh_clone_pulls_every_committed_byte_and_computes_nothing(tmp_path, kind, s3_endpoint):
    project, bare = _project(tmp_path, kind, s3_endpoint)
    clone = _clone(bare, tmp_path / "clone")
    assert not (clone / "out.txt").exists()
    ran = sh("dvc", "repro", "--pull", cwd=clone).stdout
    assert "Running stage" not in ran
    assert (clone / "out.txt").read_bytes() == (project / "out.txt").read_bytes()
    assert sh("git", "status", "--porcelain", cwd=clone).stdout == ""
    assert "up to date" in sh("dvc", "status", cwd=clone).stdout
    second = _clone(bare, tmp_path / "second")
    sh("dvc", "pull", "-q", cwd=second)  # plain pull too
    assert (second / "out.txt").read_bytes() == (project / "out.txt").read_bytes()


def test_make_repro_pulls_from_a_reachable_remote(tmp_path):
    _, bare = _project(tmp_path, "local")
    clone = _clone(bare, tmp_path / "clone")
    pull, line = repro_tool.remote_check(cwd=clone, env=ENV)
    assert pull and "storage" in line
    out = sh(sys.executable, str(REPO / "tools/repro.py"), "--jobs", "1", cwd=clone).stdout
    assert "pulling" in out and "Running stage" not in out
    assert "every output is byte for byte as committed" in out
    assert sh("git", "status", "--porcelain", cwd=clone).stdout == ""


def test_without_a_reachable_remote_make_repro_says_so_in_one_line_and_computes(tmp_path):
    _, bare = _project(tmp_path)
    clone = _clone(bare, tmp_path / "clone")
    pull, line = repro_tool.remote_check(cwd=clone, env=ENV)
    assert not pull and "no DVC remote" in line and "\n" not in line
    sh("dvc", "remote", "add", "-d", "storage", "s3://nowhere/cache", cwd=clone)
    sh("dvc", "remote", "modify", "storage", "endpointurl", "http://127.0.0.1:9", cwd=clone)  # nothing listens
    pull, line = repro_tool.remote_check(cwd=clone, env=ENV)
    assert not pull and "cannot be reached" in line and "\n" not in line
    sh("dvc", "remote", "add", "-f", "-d", "storage", str(tmp_path / "unmounted"), cwd=clone)
    out = sh(sys.executable, str(REPO / "tools/repro.py"), "--jobs", "1", cwd=clone).stdout
    assert "cannot be reached" in out and "unmounted does not exist" in out and "Running stage 'make'" in out
    assert (clone / "out.txt").read_text() == "xxx"


def _experiments(clone):
    """{experiment name: its metrics.json} as `dvc exp show` gives them."""
    shown = json.loads(sh("dvc", "exp", "show", "--json", cwd=clone).stdout)
    return {rev.get("name"): rev["data"].get("metrics", {}).get("metrics.json", {}).get("data")
            for commit in shown for exp in commit.get("experiments") or [] for rev in exp["revs"]}


def test_a_sweep_queued_on_one_machine_and_pushed_shows_in_another_clone(tmp_path):
    _, bare = _project(tmp_path, "local")
    first, second = _clone(bare, tmp_path / "first"), _clone(bare, tmp_path / "second")
    sh("dvc", "exp", "run", "--queue", "-q", "-n", "n5", "-S", "n=5", cwd=first)
    sh("dvc", "exp", "run", "--queue", "-q", "-n", "n7", "-S", "n=7", cwd=first)
    # The workers outlive `dvc queue start`: no pipe of ours to hold open, then wait on the queue.
    subprocess.run(["dvc", "queue", "start", "--jobs", "2"], cwd=first, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while re.search(r"\b(Queued|Running)\b", sh("dvc", "queue", "status", cwd=first).stdout):
        assert time.monotonic() < deadline, "the queued experiments did not end in 120 s"
        time.sleep(0.5)
    subprocess.run(["dvc", "queue", "stop"], cwd=first, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert _experiments(first) == {"n5": {"n": 5}, "n7": {"n": 7}}
    sh("dvc", "exp", "push", "origin", "n5", "n7", cwd=first)  # experiments and their DVC outputs
    assert _experiments(second) == {}
    sh("dvc", "exp", "pull", "origin", "n5", "n7", cwd=second)
    assert _experiments(second) == {"n5": {"n": 5}, "n7": {"n": 7}}
    sh("dvc", "exp", "apply", "n7", cwd=second)
    assert (second / "out.txt").read_text() == "x" * 7  # the output came through the DVC remote
