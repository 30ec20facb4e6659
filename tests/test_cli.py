import subprocess
import sys

from audiolab.cli.main import main


def test_help_runs_as_module():
    result = subprocess.run([sys.executable, "-m", "audiolab", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "scan" in result.stdout


def test_every_command_explains_its_arguments_and_shows_an_example(capsys):
    import pytest

    for command in ("scan", "predict", "segment"):
        with pytest.raises(SystemExit) as exit_status:
            main([command, "--help"])
        text = capsys.readouterr().out
        assert exit_status.value.code == 0 and "example" in text and f"python -m audiolab {command} " in text
        assert all(len(line) <= 100 for line in text.splitlines()), command


def test_scan_missing_corpus_is_one_line_and_status_2(tmp_path, capsys):
    assert main(["scan", "gtzan", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "corpora.gtzan" in err and "Traceback" not in err


def test_scan_lists_skipped_files(tmp_path, tone_writer, capsys):
    tone_writer(tmp_path / "music_wav/a.wav", 0.2, 22050)
    (tmp_path / "speech_wav").mkdir()
    (tmp_path / "speech_wav/b.wav").write_text("not audio")
    out_csv = tmp_path / "manifest.csv"
    assert main(["scan", "gtzan", str(tmp_path), "--out", str(out_csv)]) == 0
    out = capsys.readouterr().out
    assert "1 files" in out and "1 skipped" in out and "skipped speech_wav/b.wav" in out
    assert out_csv.read_text().count("\n") == 2
