"""A tiny, safe HTML template helper: every value is escaped unless it is already :class:`Markup`.

``html("<a href='{url}'>{title}</a>", url=..., title=...)`` escapes ``url`` and ``title`` (quotes
included, so values are safe in attributes too). Only strings built by this module are Markup, so
text from a document, an actor name or a URL parameter can never become markup by accident.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

__all__ = ["Markup", "escape", "html", "join", "page", "url"]


class Markup(str):
    """A string of HTML that is safe to insert as it is."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as HTML text: Markup as it is, None as nothing, anything else escaped."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(_html.escape(str(value), quote=True))


def html(template: str, /, **values: Any) -> Markup:
    """Fill ``template`` (a literal of our code, ``str.format`` style) with escaped ``values``."""
    return Markup(template.format(**{name: escape(value) for name, value in values.items()}))


def join(parts: Iterable[object], separator: str = "") -> Markup:
    """Escape and join ``parts``."""
    return Markup(escape(separator).join(escape(part) for part in parts))


def url(path: str, params: dict[str, Any] | None = None) -> str:
    """``path`` with the non-empty ``params`` as a query string (escape it when writing HTML)."""
    pairs = {
        name: ("true" if value is True else "false" if value is False else str(value))
        for name, value in (params or {}).items()
        if value is not None and value != ""
    }
    return f"{path}?{urlencode(pairs)}" if pairs else path


_NAV = (("/", "Events"), ("/dyad", "Dyads"), ("/network", "Network"))


def page(title: str, body: Markup, *, active: str = "", scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML page: our stylesheet, the navigation bar, ``body`` and our ``scripts``."""
    nav = join(
        html(
            '<a href="{href}"{current}>{label}</a>',
            href=href,
            label=label,
            current=Markup(' aria-current="page"') if href == active else "",
        )
        for href, label in _NAV
    )
    tags = join(html('<script src="/static/{name}" defer></script>', name=name) for name in scripts)
    return html(
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title} · annales</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/annales.css">{tags}'
        "</head>"
        '<body><header><span class="brand">annales</span><nav>{nav}</nav></header>'
        "<main>{body}</main></body></html>\n",
        title=title,
        tags=tags,
        nav=nav,
        body=body,
    )
