"""The architecture as tests: exact DVC deps, one-way imports, paths only in dvc.yaml, one model registry."""

import ast
import os
import re
from pathlib import Path

import pytest
import yaml

from audiolab.cli.registry import frame_model_path, model_path
from import_closure import REPO, import_closure

LAYERS = {  # package: the audiolab packages it may import
    "core": {"core"},
    "corpora": {"core", "corpora"},
    "swishnet": {"core", "corpora", "swishnet"},
    "ravdess": {"core", "corpora", "ravdess"},
    "cli": {"core", "corpora", "swishnet", "ravdess", "cli"},
}


PIPELINES = ("dvc.yaml", "realaudio/dvc.yaml")  # the demo's, and the shipped real-audio model's


def _dvc(pipeline="dvc.yaml"):
    return yaml.safe_load((REPO / pipeline).read_text())


def _params():
    return yaml.safe_load((REPO / "params.yaml").read_text())


def _lookup(params, dotted):
    for key in dotted.split("."):
        params = params[key]
    return params


def _expanded_stages():
    """{name: stage} with every foreach item substituted, as DVC expands them."""
    params, stages = _params(), {}
    for name, stage in _dvc()["stages"].items():
        if "foreach" not in stage:
            stages[name] = stage
            continue
        items = _lookup(params, stage["foreach"].strip("${}"))
        for item in items:
            text = yaml.safe_dump(stage["do"]).replace("${item}", f"{item:g}" if isinstance(item, float) else str(item))
            stages[f"{name}@{item}"] = yaml.safe_load(text)
    return stages


def _bodies(pipeline="dvc.yaml"):
    """{name: stage body}: a foreach stage's ``do`` block, unexpanded, with its paths relative to
    the repository root (a pipeline in a folder names them from there)."""
    prefix = str(Path(pipeline).parent) + "/" if "/" in pipeline else ""
    relative = (lambda path: str(Path(os.path.normpath(prefix + path)))) if prefix else (lambda path: path)
    bodies = {}
    for name, stage in _dvc(pipeline)["stages"].items():
        body = dict(stage.get("do", stage))
        body["cmd"] = re.sub(r"python (\S+\.py)", lambda m: f"python {relative(m.group(1))}", body["cmd"])
        body["deps"] = [relative(d) for d in _paths(body.get("deps"))]
        bodies[name] = body
    return bodies


def _paths(entries):
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in entries or []]


def dep_problems(stage):
    """What a stage's deps get wrong about its code: its script missing, an imported module
    missing, or a module listed that the script does not import."""
    script = re.search(r"python (\S+\.py)", stage["cmd"]).group(1)
    deps = set(_paths(stage["deps"]))
    listed = {d for d in deps if d.startswith("audiolab/")}
    needed = import_closure(script)
    problems = [f"script {script} not a dep"] if script not in deps else []
    problems += [f"missing {m}" for m in sorted(needed - listed)]
    problems += [f"not imported {m}" for m in sorted(listed - needed)]
    return problems


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_every_stage_depends_on_exactly_the_code_it_imports(pipeline):
    problems = {name: dep_problems(stage) for name, stage in _bodies(pipeline).items()
                if re.search(r"python \S+\.py", stage["cmd"]) and "audiolab" in " ".join(stage["deps"])}
    assert {name: p for name, p in problems.items() if p} == {}


def test_a_missing_or_extra_module_dep_is_caught():
    stage = dict(_bodies()["musan_features"])
    stage["deps"] = [d for d in stage["deps"] if d != "audiolab/swishnet/mfcc.py"] + ["audiolab/ravdess/mel.py"]
    assert dep_problems(stage) == ["missing audiolab/swishnet/mfcc.py", "not imported audiolab/ravdess/mel.py"]


def test_the_demo_depends_only_on_core_and_the_demo_generator():
    modules = {d for d in _paths(_bodies()["demo"]["deps"]) if d.startswith("audiolab/")}
    assert all(m.startswith(("audiolab/core/", "audiolab/corpora/")) for m in modules)
    assert not any(m.startswith(("audiolab/swishnet/", "audiolab/ravdess/")) for m in modules)
    assert "audiolab/core/levels.py" not in modules  # a loudness fix does not re-synthesise the corpora


def _imports_of(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_imports_flow_one_way(package):
    wrong = {}
    for path in sorted((REPO / "audiolab" / package).rglob("*.py")):
        for name in _imports_of(path):
            parts = name.split(".")
            if parts[0] == "stages" or (parts[0] == "audiolab" and len(parts) > 1
                                        and parts[1] in LAYERS and parts[1] not in LAYERS[package]):
                wrong.setdefault(str(path.relative_to(REPO)), []).append(name)
    assert wrong == {}


def test_the_layer_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from audiolab.swishnet.model import build_swishnet\n")
    assert "audiolab.swishnet.model" in _imports_of(module)


OUTPUT_ROOTS = ("data/", "models/", "metrics/", "plots/")


def test_stage_scripts_hold_no_repository_paths():
    found = {}
    for script in sorted((REPO / "stages").rglob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(OUTPUT_ROOTS):
                found.setdefault(str(script.relative_to(REPO)), []).append(node.value)
    assert found == {}


def test_every_stage_script_is_run_by_dvc():
    run = {re.search(r"python (\S+\.py)", stage["cmd"]).group(1)
           for pipeline in PIPELINES for stage in _bodies(pipeline).values()}
    run = {script for script in run if script.startswith("stages/")}  # and the tools and benches some stages run
    scripts = {str(p.relative_to(REPO)) for p in (REPO / "stages").rglob("*.py")}
    assert scripts == run


def test_the_model_registry_names_the_models_dvc_writes():
    params = _params()
    outs = {path for stage in _expanded_stages().values() for path in _paths(stage.get("outs"))}
    seed = params["train_seeds"][0]
    expected = [model_path("models", "speech-music-noise", seed, clip_s) for clip_s in params["clips"]["clip_seconds"]]
    expected += [model_path("models", "emotion", seed, variant=v) for v in params["emotion"]["variants"]]
    expected += [model_path("models", "gender", seed)]
    assert [str(p) for p in expected if str(p.parent) not in outs] == []  # each seed's model in a folder out
    frames = [str(frame_model_path("models", clip_s)) for clip_s in params["clips"]["clip_seconds"]]
    assert [path for path in frames if path not in outs] == []  # the exported models segment runs
    assert str(model_path("models", "speech-music-noise", 2, 1.0)) == "models/musan/swishnet_1s/seed_2.keras"


RUNTIME = "audiolab.core.runtime"


def _first_import(path):
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            return node.names[0].name
        if isinstance(node, ast.ImportFrom):
            return node.module
    return None


def test_stage_scripts_and_the_cli_load_the_runtime_settings_before_anything_else():
    paths = [*sorted((REPO / "stages").rglob("*.py")), REPO / "audiolab/cli/main.py"]
    assert {str(p.relative_to(REPO)): _first_import(p) for p in paths if _first_import(p) != RUNTIME} == {}


def _blas_kernel(code, **env):
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"} | env
    probe = f"{code}; import numpy, threadpoolctl; print(threadpoolctl.threadpool_info()[0]['architecture'])"
    return subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.skipif(__import__("platform").machine() != "x86_64", reason="OpenBLAS kernels are x86-64 names")
def test_the_runtime_settings_pin_the_blas_kernel():
    assert _blas_kernel("pass", OPENBLAS_CORETYPE="SandyBridge") == "Sandybridge"  # the variable rules the kernel
    assert _blas_kernel(f"import {RUNTIME}") == "Haswell"
    assert _blas_kernel(f"import {RUNTIME}", OPENBLAS_CORETYPE="SandyBridge") == "Sandybridge"  # a user's choice stays


_PRODUCT_PROBE = """
import os, sys
os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:int(sys.argv[1])]))
{code}
import hashlib, numpy, tensorflow as tf
rng = numpy.random.default_rng(0)
a, b = (tf.constant(rng.standard_normal(shape).astype("float32")) for shape in ((64, 5000), (5000, 64)))
print(hashlib.sha256(tf.matmul(a, b).numpy().tobytes()).hexdigest())
"""


def _tf_products(*cases):
    """The bytes of one TensorFlow matrix product (its 5,000-term sums are split by kernel and
    thread count) in a fresh process per case: (code run first, cores, environment)."""
    import os
    import subprocess
    import sys

    runs = []
    for code, cores, env in cases:
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("ONEDNN_", "TF_"))} | env
        runs.append(subprocess.Popen([sys.executable, "-c", _PRODUCT_PROBE.format(code=code), str(cores)],
                                     env=environment, stdout=subprocess.PIPE, text=True))
    return [run.communicate()[0].strip() for run in runs]


@pytest.mark.skipif(__import__("platform").machine() != "x86_64", reason="oneDNN's ISA names are x86-64's")
@pytest.mark.skipif(len(__import__("os").sched_getaffinity(0)) < 2, reason="needs two cores to vary the thread count")
def test_the_runtime_settings_pin_tensorflows_products_to_one_kernel_and_one_split():
    unpinned = {"TF_ENABLE_ONEDNN_OPTS": "0"}
    pinned = unpinned | {"ONEDNN_MAX_CPU_ISA": "AVX2", "TF_NUM_INTRAOP_THREADS": "2"}
    one_core, two_cores, explicit, old_kernel, one_thread = _tf_products(
        (f"import {RUNTIME}", 1, {}),
        (f"import {RUNTIME}", 2, {}),
        ("pass", 2, pinned),
        ("pass", 2, pinned | {"ONEDNN_MAX_CPU_ISA": "SSE41"}),
        ("pass", 1, unpinned | {"ONEDNN_MAX_CPU_ISA": "AVX2"}),
    )
    assert one_core == two_cores == explicit
    assert old_kernel != explicit  # the kernel oneDNN may use changes the bytes,
    assert one_thread != explicit  # and so does the thread count, which follows the cores unpinned
