"""python -m kalima, run as a user would."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys

import pytest
from kalima.data import sample_text


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kalima", *args], input=stdin, capture_output=True, check=False
    )


def test_normalize_file_line_by_line(tmp_path, sample):
    path = tmp_path / "in.txt"
    path.write_text(sample, encoding="utf-8")
    proc = run("normalize", str(path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert out.count("\n") == sample.count("\n")
    assert "ومفوضيه الاتحاد الاوروبي" in out


def test_normalize_stdin_with_profile_and_switch():
    proc = run(
        "normalize",
        "--profile",
        "standard",
        "--switch",
        "alef=on",
        "-",
        stdin="قالَ أحمد\nمدرسةٌ\n".encode(),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "قال احمد\nمدرسة\n"


def test_json_lines_end_with_a_newline_and_text_keeps_the_inputs_last_one():
    """JSON Lines end every record with a newline, the last too, though the
    input's last line has none; text out mirrors the input there."""
    for command in (["entities"], ["tokenize"], ["segment", "--json"]):
        proc = run(*command, "-", stdin="زار ليبيا\nوطرابلس".encode())
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.endswith(b"}\n") and proc.stdout.count(b"\n") == 2, command
        assert [json.loads(line) for line in proc.stdout.splitlines()], command
    assert run("normalize", "-", stdin="زار ليبيا\nوطرابلس".encode()).stdout.decode() == (
        "زار ليبيا\nوطرابلس"
    )
    assert run("segment", "-", stdin="وطرابلس".encode()).stdout.decode() == "و+طرابلس"


def test_invalid_utf8_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("ليبيا\nسبها \xff\n".encode().replace(b"\xc3\xbf", b"\xff"))
    proc = run("normalize", str(path))
    assert proc.returncode == 1
    assert b"bad.txt:2:6: not UTF-8 (byte 0xFF)" in proc.stderr
    # The lines before it are written: the output stops where the input went wrong.
    assert proc.stdout.decode() == "ليبيا\n"
    proc = run("entities", "-", stdin="زار ليبيا\nوطرابلس\n".encode() + b"\xff\n")
    assert proc.returncode == 1
    assert b"<stdin>:3:1: not UTF-8 (byte 0xFF)" in proc.stderr
    assert [json.loads(line)["entities"][0]["name"] for line in proc.stdout.splitlines()] == [
        "ليبيا",
        "طرابلس",
    ]


def test_missing_file_is_a_clear_error(tmp_path):
    proc = run("normalize", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert proc.stderr.decode() == f"kalima: {tmp_path / 'nope.txt'}: No such file or directory\n"
    # Worded alike whichever file it was.
    for option in ("--gazetteer", "--words"):
        proc = run("entities", option, str(tmp_path / "none.tsv"), "-", stdin=b"")
        assert proc.returncode == 1
        missing = tmp_path / "none.tsv"
        assert proc.stderr.decode() == f"kalima: {missing}: No such file or directory\n"


def test_demo_shows_before_and_after():
    proc = run("demo")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "- طرابلس 10 يونيو 2021" in out
    assert "الإتحاد → الاتحاد" in out
    assert "الإنتخابات → الانتخابات" in out
    assert "و+المملكة" in out
    assert "ل+لعبور [ل+العبور]" in out
    # The span the demo prints is the article's own text there.
    assert sample_text()[1685:1701] == "الإتحاد الأوروبي"
    assert "[1685:1701] الإتحاد الأوروبي → الاتحاد الأوروبي  ORG Q458" in out
    assert "و+المملكة المتحدة  LOC Q145" in out
    assert "20 mentions of 8 entities." in out


def test_progress_bar_goes_to_stderr_only(tmp_path, sample):
    path = tmp_path / "in.txt"
    path.write_text(sample, encoding="utf-8")
    proc = run("normalize", "--progress", str(path))
    assert proc.returncode == 0, proc.stderr
    assert b"100.0%" in proc.stderr
    assert b"normalize [" not in proc.stdout
    assert proc.stdout.decode("utf-8").count("\n") == sample.count("\n")


def test_an_error_after_the_progress_bar_starts_on_its_own_line(tmp_path, sample):
    path = tmp_path / "bad.txt"
    path.write_bytes(sample.encode("utf-8") + b"\n\xff\n")
    proc = run("entities", "--progress", str(path))
    assert proc.returncode == 1
    bar, message = proc.stderr.decode("utf-8").rsplit("\n", 2)[:2]
    assert bar.startswith("\rentities [") and message.startswith("kalima: ")
    assert message.endswith(f"bad.txt:{sample.count(chr(10)) + 2}:1: not UTF-8 (byte 0xFF)")


def test_a_reader_that_goes_away_ends_quietly(tmp_path, sample):
    """`kalima entities big.txt | head -c 100`: the reader closes the pipe;
    the command stops at once, with no traceback, its bar's line ended."""
    path = tmp_path / "big.txt"
    path.write_text((sample + "\n") * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kalima", "entities", "--progress", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert "entities" in json.loads(proc.stdout.readline())
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "kalima:" not in err
    # The bar is drawn once a chunk's output is written, which a pipe's
    # buffer usually holds (an empty stderr: it broke on the first chunk).
    assert not err or (err.startswith("\rentities [") and err.endswith("\n"))
    assert err.count("\n") <= 1


def test_ctrl_c_stops_with_a_message_and_status_130(monkeypatch, capsys):
    """An interrupt while the input is read (a pipe that is slow to come)
    ends with one line on stderr and the shell's status for SIGINT, not a
    traceback."""
    from kalima import cli

    class InterruptedPipe:
        def read(self, size: int = -1) -> bytes:
            raise KeyboardInterrupt

    class Stdin:
        buffer = InterruptedPipe()

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert cli.main(["entities", "--progress", "-"]) == 130
    err = capsys.readouterr().err
    assert err.endswith("\nkalima: interrupted\n") and "Traceback" not in err


def test_tokenize_writes_one_json_object_per_line(tmp_path, sample):
    path = tmp_path / "in.txt"
    path.write_text(sample, encoding="utf-8")
    proc = run("tokenize", str(path))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    lines = sample.split("\n")
    assert len(records) == len(lines) - (lines[-1] == "")
    for line, record in zip(lines, records):
        for token in record["tokens"]:
            assert line[token["start"] : token["end"]] == token["text"]
    second = records[1]["tokens"]
    assert [t["text"] for t in second] == ["طرابلس", "10", "يونيو", "2021"]
    assert [t["kind"] for t in second] == ["arabic", "number", "arabic", "number"]


def test_tokenize_sentences_and_switches_from_stdin():
    proc = run(
        "tokenize",
        "--sentences",
        "--no-hashtags",
        "-",
        stdin="التقى د. أحمد. ثم غادر #ليبيا\n".encode(),
    )
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [s["text"] for s in record["sentences"]] == ["التقى د. أحمد.", "ثم غادر #ليبيا"]
    assert [t["text"] for t in record["sentences"][1]["tokens"]] == ["ثم", "غادر", "#", "ليبيا"]


def test_tokenize_reports_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xd9\x84\n\xd8\xa7 \xff\n")
    proc = run("tokenize", str(path))
    assert proc.returncode == 1
    assert b"bad.txt:2:3: not UTF-8 (byte 0xFF)" in proc.stderr


def test_segment_joins_parts_with_plus(sample):
    proc = run("segment", stdin="وللحكومة والمملكة المتحدة\nLibya بطرابلس\n".encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").splitlines() == [
        "و+ل+لحكومة و+المملكة المتحدة",
        "Libya ب+طرابلس",
    ]
    proc = run("segment", "--scheme", "clitics+al", stdin="وللحكومة".encode())
    assert proc.stdout.decode("utf-8").strip() == "و+ل+ل+حكومة"
    # Text with + of its own reads better with another separator.
    proc = run("segment", "--separator", "·", stdin="وللحكومة a+b@x.com".encode())
    assert proc.stdout.decode("utf-8").strip() == "و·ل·لحكومة a+b@x.com"
    for bad in ("", "\n", "a\rb"):
        proc = run("segment", "--separator", bad, stdin="وللحكومة".encode())
        assert proc.returncode == 2 and b"--separator must be non-empty" in proc.stderr


def test_segment_json_has_offsets_forms_and_roles(tmp_path, sample):
    path = tmp_path / "in.txt"
    path.write_text(sample, encoding="utf-8")
    proc = run("segment", "--json", str(path))
    assert proc.returncode == 0, proc.stderr
    lines = sample.split("\n")
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(records) == len(lines) - (lines[-1] == "")
    seen = {}
    for line, record in zip(lines, records):
        for token in record["tokens"]:
            assert line[token["start"] : token["end"]] == token["text"]
            for part in token["parts"]:
                assert line[part["start"] : part["end"]] == part["text"]
            seen[token["text"]] = [(p["text"], p["form"], p["role"]) for p in token["parts"]]
    assert seen["للعبور"] == [("ل", "ل", "prep"), ("لعبور", "العبور", "stem")]
    assert seen["وأفريقيا"] == [("و", "و", "conj"), ("أفريقيا", "أفريقيا", "stem")]


def test_segment_with_a_bad_model_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.kseg"
    bad.write_bytes(b"KALIMASG garbage")
    proc = run("segment", "--model", str(bad), stdin="و".encode())
    assert proc.returncode == 1
    assert "bad.kseg" in proc.stderr.decode("utf-8")


def test_entities_with_a_tsv_gazetteer(tmp_path):
    names = tmp_path / "names.tsv"
    names.write_text(
        "name\tlabel\tid\taliases\nالمملكة المتحدة\tcountry\tQ145\t\n", encoding="utf-8"
    )
    proc = run(
        "entities", "--gazetteer", str(names), stdin="زار والمملكة المتحدة\nلا شيء\n".encode()
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert records == [
        {
            "entities": [
                {
                    "start": 5,
                    "end": 20,
                    "text": "المملكة المتحدة",
                    "prefix": "و",
                    "name": "المملكة المتحدة",
                    "label": "country",
                    "id": "Q145",
                    "edits": 0,
                }
            ]
        },
        {"entities": []},
    ]


def test_entities_default_gazetteer_and_bad_file(tmp_path, sample):
    proc = run("entities", stdin=sample.encode())
    assert proc.returncode == 0, proc.stderr
    found = [
        e["text"]
        for line in proc.stdout.decode("utf-8").splitlines()
        for e in json.loads(line)["entities"]
    ]
    assert "ليبيا" in found and "طرابلس" in found
    proc = run("entities", "--gazetteer", str(tmp_path / "missing.tsv"), stdin=b"x")
    assert proc.returncode == 1
    assert "missing.tsv" in proc.stderr.decode("utf-8")


def test_compiled_gazetteer_and_one_edit(tmp_path):
    names = tmp_path / "names.tsv"
    names.write_text("name\tlabel\nجيمس كليفرلي\tPER\n", encoding="utf-8")
    compiled = tmp_path / "names.kgaz"
    proc = run("compile-gazetteer", str(names), str(compiled))
    assert proc.returncode == 0, proc.stderr
    assert "1 entries" in proc.stdout.decode("utf-8")
    line = "قال جيمس كلافرلي".encode()
    proc = run("entities", "--gazetteer", str(compiled), stdin=line)
    assert json.loads(proc.stdout) == {"entities": []}
    proc = run("entities", "--gazetteer", str(compiled), "--max-edits", "1", stdin=line)
    [entity] = json.loads(proc.stdout)["entities"]
    assert (entity["text"], entity["name"], entity["edits"]) == ("جيمس كلافرلي", "جيمس كليفرلي", 1)
    compiled.write_bytes(compiled.read_bytes()[:-1])
    proc = run("entities", "--gazetteer", str(compiled), stdin=line)
    assert proc.returncode == 1 and "truncated" in proc.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX")
@pytest.mark.parametrize("command", ["normalize", "tokenize", "segment", "entities"])
def test_a_pipe_is_answered_line_by_line(command):
    """A line written to a pipe is answered before the next is written (as
    tail -f | kalima ... needs), not once 4 MiB have come or the pipe closed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kalima", command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for line in ("وصل الوفد إلى طرابلس", "ثم غادر إلى سبها"):
            proc.stdin.write(line.encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, f"no answer to {line!r} within 30 s"
            answer = proc.stdout.readline().decode("utf-8")
            assert answer.endswith("\n")
            if command == "entities":
                [entity] = json.loads(answer)["entities"]
                assert entity["text"] in line
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
        assert proc.stdout.read() == b""
    finally:
        proc.kill()
        proc.wait()


def test_a_gazetteer_read_from_standard_input(tmp_path, sample):
    text = tmp_path / "article.txt"
    text.write_text(sample, encoding="utf-8")
    names = "name\tlabel\nطرابلس\tLOC\nسبها\tLOC\n".encode()
    proc = run("entities", "--gazetteer", "-", str(text), stdin=names)
    assert proc.returncode == 0, proc.stderr
    found = [e["text"] for line in proc.stdout.splitlines() for e in json.loads(line)["entities"]]
    assert found and set(found) == {"طرابلس", "سبها"}
    # Not when the text comes from there too.
    proc = run("entities", "--gazetteer", "-", stdin=names)
    assert proc.returncode == 1
    assert "both be read from standard input" in proc.stderr.decode("utf-8")


def test_compiling_a_gazetteer_onto_its_own_input_is_refused(tmp_path):
    names = tmp_path / "names.tsv"
    names.write_text("name\tlabel\nطرابلس\tLOC\n", encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("بابها\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    for out, given in (
        (names, "gazetteer"),
        (tmp_path / "sub" / ".." / "names.tsv", "gazetteer"),
        (words, "--words"),
    ):
        proc = run("compile-gazetteer", str(names), str(out), "--words", str(words))
        assert proc.returncode == 1
        assert f"is the {given} file being compiled" in proc.stderr.decode("utf-8")
    # Both inputs are as they were.
    assert names.read_text(encoding="utf-8") == "name\tlabel\nطرابلس\tLOC\n"
    assert words.read_text(encoding="utf-8") == "بابها\n"


def test_gazetteer_read_through_a_pipe(tmp_path):
    """--gazetteer <(cat names.tsv) or /dev/stdin: a pipe is read once, so
    the check for a compiled file must not eat the header."""
    names = "name\tlabel\tid\taliases\nخالد مازن\tPER\tQ1\tمازن\n".encode()
    line = "وقال مازن إن"
    text = tmp_path / "in.txt"
    text.write_text(line, encoding="utf-8")
    proc = run("entities", "--gazetteer", "/dev/stdin", str(text), stdin=names)
    assert proc.returncode == 0, proc.stderr
    [entity] = json.loads(proc.stdout)["entities"]
    assert entity["start"] == line.index("مازن") and entity["name"] == "خالد مازن"
    assert line[entity["start"] : entity["end"]] == "مازن"
    tsv = tmp_path / "names.tsv"
    tsv.write_bytes(names)
    compiled = tmp_path / "names.kgaz"
    assert run("compile-gazetteer", str(tsv), str(compiled)).returncode == 0
    proc = run("entities", "--gazetteer", "/dev/stdin", str(text), stdin=compiled.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert [e["text"] for e in json.loads(proc.stdout)["entities"]] == ["مازن"]


def test_compiled_gazetteer_without_tanween(tmp_path):
    """--no-tanween is kept in the compiled file: درعاً (a shield) is then no
    mention of درعا."""
    names = tmp_path / "names.tsv"
    names.write_text("name\tlabel\nدرعا\tLOC\n", encoding="utf-8")
    line = "قدم درعاً تذكارياً في درعا".encode()
    found = {}
    for flags in ((), ("--no-tanween",)):
        compiled = tmp_path / f"names{len(flags)}.kgaz"
        proc = run("compile-gazetteer", str(names), str(compiled), *flags)
        assert proc.returncode == 0, proc.stderr
        proc = run("entities", "--gazetteer", str(compiled), stdin=line)
        found[flags] = [e["text"] for e in json.loads(proc.stdout)["entities"]]
    assert found == {(): ["درعاً", "درعا"], ("--no-tanween",): ["درعا"]}


def test_entities_builds_a_tsv_under_the_flags_given(tmp_path):
    """--no-tanween and --profile shape a gazetteer built from a TSV; a
    compiled file keeps its own and is refused where they differ."""
    names = tmp_path / "names.tsv"
    names.write_text("name\tlabel\nدرعا\tLOC\nالاتحاد الأوروبي\tORG\n", encoding="utf-8")
    line = "قدم درعاً في درعا إلى الإتحاد الأوروبي".encode()

    def found(*flags: str) -> list[str]:
        proc = run("entities", "--gazetteer", str(names), *flags, stdin=line)
        assert proc.returncode == 0, proc.stderr
        return [e["text"] for e in json.loads(proc.stdout)["entities"]]

    assert found() == ["درعاً", "درعا", "الإتحاد الأوروبي"]
    assert found("--no-tanween") == ["درعا", "الإتحاد الأوروبي"]
    # The standard profile keeps hamza as written: الإتحاد is not الاتحاد.
    assert found("--profile", "standard") == ["درعاً", "درعا"]
    # With no --gazetteer, the bundled names under the profile asked for:
    # اوروبا written without its hamza is أوروبا under search only.
    for profile, expected in (("search", ["اوروبا"]), ("standard", [])):
        proc = run("entities", "--profile", profile, stdin="في اوروبا".encode())
        assert proc.returncode == 0, proc.stderr
        assert [e["text"] for e in json.loads(proc.stdout)["entities"]] == expected

    compiled = tmp_path / "names.kgaz"
    assert run("compile-gazetteer", str(names), str(compiled)).returncode == 0
    for flags, message in (
        (["--no-tanween"], "--no-tanween: " + str(compiled) + " was compiled with tanween"),
        (["--profile", "standard"], "--profile standard: " + str(compiled) + " was compiled"),
    ):
        proc = run("entities", "--gazetteer", str(compiled), *flags, stdin=line)
        assert proc.returncode == 1
        assert message in proc.stderr.decode() and b"Traceback" not in proc.stderr
    # A flag that agrees with the file is no error.
    proc = run("entities", "--gazetteer", str(compiled), "--profile", "search", stdin=line)
    assert proc.returncode == 0, proc.stderr


def test_bad_threads_and_closed_streams_are_named(tmp_path):
    proc = run("normalize", "--threads", "3000000000", stdin=b"x\n")
    assert proc.returncode == 2
    assert b"--threads: expected 0 (one per core) to 4096, got 3000000000" in proc.stderr
    assert run("entities", "--threads", "-1").returncode == 2
    path = tmp_path / "in.txt"
    path.write_text("ليبيا\n", encoding="utf-8")
    for closed, args, message in [
        (0, ["normalize"], b"no standard input"),
        (1, ["normalize", str(path)], b"no standard output"),
    ]:
        proc = subprocess.run(
            [sys.executable, "-m", "kalima", *args],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda fd=closed: os.close(fd),
            check=False,
        )
        assert proc.returncode == 1, proc.stderr
        assert message in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_a_message_not_a_traceback(tmp_path):
    tsv = tmp_path / "names.tsv"
    tsv.write_text("name\tlabel\nليبيا\tLOC\n", encoding="utf-8")
    for args in (
        ["normalize", "-"],
        ["entities", "-"],
        ["demo"],
        ["compile-gazetteer", str(tsv), str(tmp_path / "g.kgaz")],
    ):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "kalima", *args],
                input="زار ليبيا\n".encode(),
                stdout=full,
                stderr=subprocess.PIPE,
                check=False,
            )
        assert proc.returncode == 1, args
        assert proc.stderr == b"kalima: <stdout>: No space left on device\n", args


def test_progress_on_standard_input_counts_megabytes(sample):
    proc = run("normalize", "--progress", stdin=sample.encode())
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(rb"(\rnormalize \d+ MB [\d,]+ MB/s)+\n", proc.stderr), proc.stderr
    assert proc.stdout.decode("utf-8").count("\n") == sample.count("\n")


def test_file_names_that_are_not_utf8(tmp_path):
    # As a shell passes them: bytes, which Python holds as surrogates.
    out = os.path.join(os.fsencode(tmp_path), b"names\xff.kgaz")
    tsv = str(tmp_path / "names.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("name\tlabel\nليبيا\tLOC\n")
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"kalima", b"compile-gazetteer", tsv.encode(), out],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(out + b": 1 entries")
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"kalima", b"entities", b"--gazetteer", out],
        input="وليبيا\n".encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["entities"][0]["prefix"] == "و"
    # Messages name such a file by its bytes too, whichever part reports it.
    missing = os.path.join(os.fsencode(tmp_path), b"none\xfe.txt")
    model = os.path.join(os.fsencode(tmp_path), b"bad\xfb.kseg")
    with open(model, "wb") as f:
        f.write(b"KALIMASG garbage")
    for args in ([b"normalize", missing], [b"segment", b"--model", model]):
        proc = subprocess.run(
            [sys.executable.encode(), b"-m", b"kalima", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        assert proc.returncode == 1
        assert proc.stderr.startswith(b"kalima: ") and args[-1] + b": " in proc.stderr


def test_words_of_their_own_from_a_file(tmp_path):
    """--words lists words that only look like proclitics + a name: with the
    bundled gazetteer, on top of its own list; with a TSV or a compiled file,
    and through compile-gazetteer."""
    words = tmp_path / "words.txt"
    words.write_text("# not ب + أبها\nبابها  # its door\n", encoding="utf-8")
    line = "أغلقت بابها في أبها وكسبها الفريق".encode()

    def found(*args: str) -> list[str]:
        proc = run("entities", *args, stdin=line)
        assert proc.returncode == 0, proc.stderr
        return [e["prefix"] + "|" + e["text"] for e in json.loads(proc.stdout)["entities"]]

    # The bundled list has كسبها (won it), not بابها.
    assert found() == ["ب|ابها", "|أبها"]
    assert found("--words", str(words)) == ["|أبها"]
    names = tmp_path / "names.tsv"
    names.write_text("name\tlabel\nأبها\tLOC\nسبها\tLOC\n", encoding="utf-8")
    assert found("--gazetteer", str(names)) == ["ب|ابها", "|أبها", "وك|سبها"]
    assert found("--gazetteer", str(names), "--words", str(words)) == ["|أبها", "وك|سبها"]
    compiled = tmp_path / "names.kgaz"
    proc = run("compile-gazetteer", str(names), str(compiled), "--words", str(words))
    assert proc.returncode == 0, proc.stderr
    assert found("--gazetteer", str(compiled)) == ["|أبها", "وك|سبها"]
    words.write_text("بابها\n«»\n", encoding="utf-8")
    proc = run("entities", "--words", str(words), stdin=line)
    assert proc.returncode == 1
    assert f"{words}:2: '«»' has no word" in proc.stderr.decode("utf-8")
