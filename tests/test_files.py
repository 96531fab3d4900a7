"""The one atomic writer: all or nothing, and the permission rule for each kind of file."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from roadmap_cli.errors import RoadmapError
from roadmap_cli.files import atomic_writer

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def test_an_error_inside_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(ValueError, match="half way"), atomic_writer(path) as stream:
        stream.write("new first half\n")
        raise ValueError("half way")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scores.csv"]


def test_streamed_text_is_written_as_given(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with atomic_writer(path) as stream:
        for row in ("a,b\r\n", "é,ü\r\n"):
            stream.write(row)
    assert path.read_bytes() == "a,b\r\né,ü\r\n".encode()


@posix_only
def test_shared_documents_follow_the_umask_and_private_ones_do_not(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "report.html") as stream:
            stream.write("x")
        with atomic_writer(tmp_path / "answers.yaml", private=True) as stream:
            stream.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "answers.yaml").stat().st_mode) == 0o600


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.json"
    expected = r"out\.json: the folder .*nowhere does not exist"
    with pytest.raises(RoadmapError, match=expected), atomic_writer(target) as stream:
        stream.write("{}")


def test_make_folder_creates_what_is_missing_and_names_what_cannot_be(tmp_path: Path) -> None:
    from roadmap_cli.files import write_atomic

    write_atomic(tmp_path / "a" / "b" / "c.md", "x\n", make_folder=True)
    assert (tmp_path / "a" / "b" / "c.md").read_text(encoding="utf-8") == "x\n"
    (tmp_path / "plain").write_text("a file", encoding="utf-8")
    with pytest.raises(RoadmapError, match=r"plain: cannot create the folder"):
        write_atomic(tmp_path / "plain" / "c.md", "x\n", make_folder=True)
