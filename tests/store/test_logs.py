"""Logging levels and redaction: -v shows our DEBUG lines, not other libraries'; -vv shows all, redacted."""

from __future__ import annotations

import logging

import pytest
import requests
from PIL import Image

from okcomposer import redact
from okcomposer.store import logs


@pytest.fixture(autouse=True)
def _closed():
    logs.close_logging()  # an earlier test's main([...]) leaves the CLI's logging set up, as a process would
    level = logging.getLogger().level
    yield
    logs.close_logging()
    assert logging.getLogger().level == level


def _written(path) -> str:
    return path.read_text(encoding="utf-8")  # the handler flushes each line


def test_at_v_our_debug_lines_are_kept_and_other_libraries_are_not(capsys):
    path = logs.setup_verbose(1)
    logging.getLogger("okcomposer.api.client").debug("call users.getCurrentUser")
    for name in (
        "urllib3.connectionpool",
        "PIL.PngImagePlugin",
        "keyring.backend",
        "asyncio",
        "charset_normalizer",
    ):
        logging.getLogger(name).debug("noise from %s", name)
        logging.getLogger(name).info("more noise from %s", name)
    logging.getLogger("urllib3.connectionpool").warning("Retrying (Retry(total=2)) after connection broken")
    text, err = _written(path), capsys.readouterr().err
    for out in (text, err):  # -v: the file and stderr get the same lines
        assert "call users.getCurrentUser" in out
        assert "noise" not in out
        assert "Retrying" in out  # a library's warning still counts


def test_a_library_that_sets_its_own_debug_level_is_still_quiet_at_v(monkeypatch):
    chatty = logging.getLogger("requests_toolbelt.multipart")
    monkeypatch.setattr(chatty, "level", logging.DEBUG)  # as if the library had called setLevel(DEBUG)
    path = logs.setup_verbose(1)
    chatty.debug("encoding part 1")
    assert "encoding part 1" not in _written(path)


def test_pillow_and_urllib3_at_v_then_at_vv(tmp_path, sandbox, capsys):
    """The real libraries: a PNG decoded, a request sent; their DEBUG lines appear only at -vv, redacted."""
    png = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(png)
    url = f"{sandbox.base_url}/fb.do?method=users.getCurrentUser&access_token=SECRETTOKEN123"

    def work() -> str:
        with Image.open(png) as image:
            image.load()
        requests.get(url, timeout=5).close()
        logs.close_logging()
        return capsys.readouterr().err

    logs.setup_verbose(1)
    quiet = work()
    path = logs.setup_verbose(2)
    loud = work()
    assert "STREAM" not in quiet and "connectionpool" not in quiet  # Pillow's chunk lines, urllib3's requests
    assert "PIL.PngImagePlugin" in loud and "urllib3.connectionpool" in loud
    assert "access_token=***" in loud
    for out in (quiet, loud, path.read_text(encoding="utf-8")):
        assert "SECRETTOKEN123" not in out


def test_default_logging_is_info_to_the_file_only(capsys):
    path = logs.setup_verbose(0)
    logging.getLogger("okcomposer.app.publish").info("published topic 1")
    logging.getLogger("okcomposer.app.publish").debug("a detail")
    assert "published topic 1" in _written(path) and "a detail" not in _written(path)
    assert capsys.readouterr().err == ""


def test_setting_up_twice_restores_the_first_levels_on_close():
    logging.getLogger().setLevel(logging.ERROR)
    try:
        logs.setup_verbose(0)
        logs.setup_verbose(2)  # the CLI does this when `import --publish` starts sending
        assert logging.getLogger().level == logging.DEBUG
        logs.close_logging()
        assert logging.getLogger().level == logging.ERROR
    finally:
        logging.getLogger().setLevel(logging.WARNING)


def test_logger_levels_are_left_alone_so_caplog_still_works(caplog):
    logs.setup_verbose(0)  # INFO for our lines in the file; a test's caplog may still want DEBUG
    caplog.set_level(logging.DEBUG)
    logging.getLogger("okcomposer.api.client").debug("call users.getCurrentUser")
    assert "call users.getCurrentUser" in caplog.text


def test_tracebacks_and_stacks_in_the_log_are_redacted():
    path = logs.setup_logging()
    log = logging.getLogger("okcomposer.test")
    try:
        raise RuntimeError("failed: https://api.ok.ru/fb.do?sig=ABCDEF0123&access_token=TOKEN1")
    except RuntimeError:
        log.exception("publish failed")
    log.warning("session_secret_key=SECRET2 here", stack_info=True)
    text = _written(path)
    assert "Traceback" in text and "Stack (most recent call last)" in text
    for secret in ("ABCDEF0123", "TOKEN1", "SECRET2"):
        assert secret not in text


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (
            "redirect_uri=https%3A%2F%2Fx%2Fcb%3Faccess_token%3DTOK&x=1",
            "redirect_uri=https%3A%2F%2Fx%2Fcb%3Faccess_token%3D***&x=1",
        ),
        ("?access_token=***&sig=***", "?access_token=***&sig=***"),  # redacting twice changes nothing
    ],
)
def test_redact_url_encoded_pairs_and_redacted_text(text, clean):
    assert redact.redact(text) == clean


def test_cli_v_is_not_flooded_by_pillow_and_vv_shows_it(tmp_path, capsys):
    from okcomposer.cli import main

    png = tmp_path / "a.png"
    Image.new("RGB", (64, 64)).save(png)
    assert main(["-v", "check", str(png)]) == 0
    quiet = capsys.readouterr().err
    assert main(["-vv", "check", str(png)]) == 0
    loud = capsys.readouterr().err
    assert "PIL." not in quiet
    assert "DEBUG MainThread PIL.PngImagePlugin: STREAM b'IHDR'" in loud
