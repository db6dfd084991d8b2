"""`mkdocs serve` looks for edits every SERVE_POLL_SECONDS, in every folder it watches."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from macros import mkdocs_hooks


def test_serve_polls_every_watched_folder_more_often(tmp_path: Path) -> None:
    docs, config, data = tmp_path / "docs", tmp_path / "mkdocs.yml", tmp_path / "data"
    docs.mkdir()
    data.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    assert server.observer.timeout == 0.5  # MkDocs' own
    server = mkdocs_hooks.on_serve(server, config=load_config(str(config)), builder=lambda: None)
    server.watch(str(data))  # as MkDocs then watches the folders of `watch:`
    assert server.observer.timeout == mkdocs_hooks.SERVE_POLL_SECONDS < 0.5
    # All three are watched by the new observer (a file through its folder).
    emitters = server.observer.emitters
    assert len(emitters) == 3 and {docs, data} <= {Path(emitter.watch.path) for emitter in emitters}
    server.server_close()
