"""The exports swap is atomic at every instant: a kill between any two steps leaves a complete
exports folder; SIGTERM and SIGHUP leave no staging folder; concurrent builds queue; leftovers of
dead writers are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.atomic as atomic
from cli import cli
from servers import line_within
from small_corpus import small_data, tree

REPO = Path(__file__).resolve().parent.parent

# A writer of a tiny folder through atomic.staged that dies (os._exit) at the named step.
SWAP_AND_DIE = """
import os, sys
from pathlib import Path
import graph.atomic as atomic
out, step, exchange = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "exchange"
if not exchange:
    atomic.exchange = lambda first, second: False
atomic.after = lambda name: os._exit(9) if name == step else None
with atomic.staged(out) as staging:
    (staging / "graph.nt").write_text("new\\n")
    (staging / "store").mkdir()
"""


def python(script: str, *args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def write(out: Path, content: str, *, exchange: bool = True, monkeypatch=None) -> None:
    if not exchange:
        monkeypatch.setattr(atomic, "exchange", lambda first, second: False)
    with atomic.staged(out) as staging:
        (staging / "graph.nt").write_text(content)
        (staging / "store").mkdir()
    monkeypatch.undo() if monkeypatch else None


def content(out: Path) -> str:
    """What a reader finds at the output: a complete folder's content, never a half."""
    assert out.is_dir() and (out / "store").is_dir()
    return (out / "graph.nt").read_text()


def leftovers(out: Path) -> list[str]:
    current = os.readlink(out) if out.is_symlink() else None
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and p.name not in (f".{out.name}.lock", current))


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


KILLS = [  # (layout of the previous output, exchange available, step the writer dies after)
    ("folder", True, "exchanged"),
    ("folder", False, "versioned"),
    ("folder", False, "linked"),
    ("link", False, "versioned"),
    ("link", False, "linked"),
    ("link", False, "relinked"),
]


@pytest.mark.parametrize("layout, exchange, step", KILLS)
def test_a_kill_between_the_steps_of_the_swap_leaves_a_complete_output(tmp_path, monkeypatch, layout, exchange, step):
    out = tmp_path / "exports"
    write(out, "old\n")
    if layout == "link":  # without an exchange, the second write turns the folder into a symlink
        write(out, "old\n", exchange=False, monkeypatch=monkeypatch)
        assert out.is_symlink()
    writer = python(SWAP_AND_DIE, out, step, "exchange" if exchange else "none")
    assert writer.wait(timeout=60) == 9, writer.stderr.read()
    assert content(out) == ("old\n" if step in ("versioned", "linked") else "new\n")
    assert leftovers(out)  # what the dead writer left...
    write(out, "next\n")
    assert content(out) == "next\n"
    assert leftovers(out) == []  # ...the next writer removed


def test_a_signal_during_the_swap_waits_for_it_to_complete(tmp_path):
    """SIGTERM at the instant of the exchange is held: the swap and the removal of the previous
    folder complete, then the signal stops the process as it would have."""
    out = tmp_path / "exports"
    write(out, "old\n")
    script = SWAP_AND_DIE.replace("os._exit(9) if name == step", "os.kill(os.getpid(), signal.SIGTERM) if name == step")
    writer = python("import signal\n" + script, out, "exchanged", "exchange")
    assert writer.wait(timeout=60) == -signal.SIGTERM, writer.stderr.read()
    assert writer.stderr.read() == ""
    assert content(out) == "new\n"
    assert leftovers(out) == []


def test_a_kill_while_a_folder_becomes_a_link_is_mended_by_the_next_writer(tmp_path):
    """Without an exchange, turning a real folder into the symlink layout takes two renames: the
    one instant without an output. The previous folder waits beside it and the next writer puts it
    back before anything else, even if that writer then fails."""
    out = tmp_path / "exports"
    write(out, "old\n")
    writer = python(SWAP_AND_DIE, out, "moved aside", "none")
    assert writer.wait(timeout=60) == 9, writer.stderr.read()
    assert not out.exists() and [p.name for p in tmp_path.glob(".exports.old-*")] == [f".exports.old-{writer.pid}"]
    with pytest.raises(RuntimeError), atomic.staged(out):
        raise RuntimeError("the next build fails")
    assert content(out) == "old\n"
    assert leftovers(out) == []


def test_a_kill_during_a_real_build_swap_leaves_the_new_exports_and_the_next_build_cleans_up(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-maps"], catch_exceptions=False)
    (out / "OLD").write_text("the previous build\n")
    script = ("import os, sys\nimport graph.atomic as atomic\n"
              "atomic.after = lambda step: os._exit(9)\n"
              "from cli import main\nmain()")
    builder = python(script, "--exports", out, "build", "--data", data, "--no-maps")
    assert builder.wait(timeout=120) == 9, builder.stderr.read()
    assert not (out / "OLD").exists() and (out / "graph.nt").stat().st_size > 0 and (out / "store").is_dir()
    assert leftovers(out) == [f".exports.staging-{builder.pid}"]  # the previous build, stranded
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-maps", "--no-store"])
    assert result.exit_code == 0 and leftovers(out) == []


# A build (through the CLI) that pauses once its second process has started, until told to go on.
PAUSED_BUILD = """
import sys, time
from pathlib import Path
import graph.worker as worker
go = Path(sys.argv.pop(1))
start = worker.Worker.start
def pause(self):
    start(self)
    print(f"second process {self._process.pid}", flush=True)
    for _ in range(600):
        if go.exists():
            break
        time.sleep(0.1)
worker.Worker.start = pause
from cli import main
main()
"""


def paused_build(tmp_path: Path, out: Path, data: Path, *flags: str) -> tuple[subprocess.Popen, int]:
    builder = python(PAUSED_BUILD, tmp_path / "go", "--exports", out, "build", "--data", data, *flags)
    line = builder.stdout.readline()
    assert line.startswith("second process "), line + builder.stderr.read()
    return builder, int(line.split()[-1])


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stopping_signal_during_a_build_removes_the_staging_folder(tmp_path, number):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-store"], catch_exceptions=False)
    before = tree(out)
    builder, second = paused_build(tmp_path, out, data, "--no-store")  # with the maps: the second process writes too
    assert [p.name for p in tmp_path.glob(".exports.staging-*")] == [f".exports.staging-{builder.pid}"]
    builder.send_signal(number)
    assert builder.wait(timeout=60) == 1
    assert builder.stderr.read() == f"Error: interrupted by {number.name}; {out} was left as it was\n"
    assert gone(second, within=0)  # the second process was stopped (and reaped) before the build ended
    assert leftovers(out) == []
    assert tree(out) == before


def gone(pid: int, within: float = 10.0) -> bool:
    """The process has ended (a zombie nobody has reaped yet counts as ended)."""
    deadline = time.monotonic() + within
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def test_a_build_killed_outright_takes_its_second_process_with_it(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    builder, second = paused_build(tmp_path, out, data, "--no-store")
    builder.kill()
    builder.wait(timeout=60)
    assert gone(second)  # it would otherwise go on writing into the staging folder
    assert leftovers(out) == [f".exports.staging-{builder.pid}"]
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-maps", "--no-store"])
    assert result.exit_code == 0 and leftovers(out) == []


def test_concurrent_builds_queue_and_one_that_will_not_wait_fails_clearly(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    first, _ = paused_build(tmp_path, out, data, "--no-maps", "--no-store")
    impatient = python("from cli import main; main()", "--exports", out, "build", "--data", data, "--no-maps", "--no-wait")
    assert impatient.wait(timeout=120) == 1
    assert impatient.stderr.read() == (f"Error: another build (pid {first.pid}) is writing {out}; "
                                       "try again when it has finished\n")
    patient = python("from cli import main; main()", "--exports", out, "build", "--data", data, "--no-maps")
    assert line_within(patient.stderr) == f"waiting for another build (pid {first.pid}) to finish\n"
    (tmp_path / "go").touch()
    assert first.wait(timeout=120) == 0 and patient.wait(timeout=120) == 0
    assert first.stdout.read().startswith("built ") and patient.stdout.read().startswith("built ")
    assert (out / "store").is_dir()  # the second build's, swapped in after the first
    assert leftovers(out) == []


def test_leftovers_of_dead_writers_are_removed_at_the_start_of_a_build(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    dead, alive = dead_pid(), os.getppid()
    for name in (f".exports.staging-{dead}", f".exports.old-{dead}", f".exports.v-{dead}-1", f".exports.staging-{alive}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "graph.nt").write_text("stale\n")
    (tmp_path / f".exports.link-{dead}").symlink_to(f".exports.v-{dead}-1")
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-maps", "--no-store"])
    assert result.exit_code == 0, result.output
    assert leftovers(out) == [f".exports.staging-{alive}"]  # a live writer's folder is not touched


def test_map_into_the_exports_waits_for_a_build_that_holds_them(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-maps", "--no-store"])
    assert result.exit_code == 0, result.output
    with atomic.locked(out):  # as a build does from before its staging to after its swap
        drawer = python("from cli import main; main()", "--exports", out, "map")
        assert line_within(drawer.stderr) == f"waiting for another build (pid {os.getpid()}) to finish\n"
        time.sleep(0.5)
        assert drawer.poll() is None and not (out / "maps").exists()
    assert drawer.wait(timeout=120) == 0, drawer.stderr.read()
    assert drawer.stdout.read().startswith("wrote ") and (out / "maps" / "index.html").is_file()
    # A folder outside the exports does not wait for builds.
    with atomic.locked(out):
        result = CliRunner().invoke(cli, ["--exports", str(out), "map", "--output", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0 and (tmp_path / "elsewhere" / "index.html").is_file()
