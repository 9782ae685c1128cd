"""`./dev test` installs Chromium for the browser tests when it can, and says so when not."""

from pathlib import Path

from backend import stack


def test_chromium_present_means_nothing_to_do(monkeypatch, capsys, tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setattr(stack, "CHROMIUM", browser)
    stack.ensure_chromium()
    assert capsys.readouterr().out == ""


def test_without_apt_get_the_browser_tests_are_said_to_skip(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(stack, "CHROMIUM", Path(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no apt-get on this PATH
    stack.ensure_chromium()
    assert "browser tests will be skipped" in capsys.readouterr().out
