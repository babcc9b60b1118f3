"""The aid's pages, read from app.py, so a page added there is benchmarked too."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"


@dataclass(frozen=True)
class Page:
    path: str  # "pages/walkthrough.py", as AppTest.switch_page takes it
    title: str
    url_path: str  # "walkthrough": the address of the page (Streamlit's default: file stem)
    default: bool = False  # the page at the app's root address

    @property
    def address(self) -> str:
        """The path to open in a browser: "" for the default page."""
        return "" if self.default else self.url_path


def _script(node: ast.expr) -> str | None:
    """The file name in an st.Page(...) first argument: PAGES / "x.py" or "pages/x.py"."""
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Constant)
            and isinstance(sub.value, str)
            and sub.value.endswith(".py")
        ):
            return sub.value if "/" in sub.value else f"pages/{sub.value}"
    return None


def _keyword(call: ast.Call, name: str) -> str | None:
    for k in call.keywords:
        if k.arg == name and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
            return k.value.value
    return None


def app_pages(app: Path = APP) -> list[Page]:
    """Every st.Page("pages/....py", ...) (or nav_page) in app.py, in source (menu) order."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    found: list[tuple[tuple[int, int], Page]] = []
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        # st.Page(...), or pages.shared.nav_page(...), which takes the same arguments.
        named = (isinstance(func, ast.Attribute) and func.attr == "Page") or (
            isinstance(func, ast.Name) and func.id == "nav_page"
        )
        if not (named and node.args):
            continue
        path = _script(node.args[0])
        if path is None:
            continue  # a page made from a function: nothing to open by path
        title = _keyword(node, "title") or Path(path).stem
        url_path = _keyword(node, "url_path") or Path(path).stem
        default = any(
            k.arg == "default" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords
        )
        found.append(((node.lineno, node.col_offset), Page(path, title, url_path, default)))
    return [page for _, page in sorted(found, key=lambda item: item[0])]
