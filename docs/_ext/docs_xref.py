"""Cross-references to the package root — resolve ``poverty_procurement.X`` to where X is defined.

The package root re-exports its public names lazily (PEP 562), so the API page documents the
defining modules (``poverty_procurement.shares.compute_share``). Docstrings and pages may
still write ``:func:`~poverty_procurement.yuan``` or a bare ``:class:`Ratio```: on
``missing-reference`` this extension looks the name up in ``poverty_procurement._EXPORTS``
(name -> submodule) and resolves it against the defining module instead. New areas need no
change here: their names are in ``_EXPORTS`` as soon as they are exported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement, reference  # type: ignore[import-untyped,unused-ignore]
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["defining_target", "setup"]

_PACKAGE = "poverty_procurement"


def defining_target(target: str) -> str | None:
    """The fully qualified target in the defining module, or None if not a re-exported name.

    >>> defining_target("poverty_procurement.yuan")
    'poverty_procurement.money.yuan'
    >>> defining_target("Ratio.of")
    'poverty_procurement.ratio.Ratio.of'
    >>> defining_target("poverty_procurement.money.yuan") is None
    True
    """
    from poverty_procurement import _EXPORTS

    rest = target.removeprefix(f"{_PACKAGE}.").lstrip(".~")
    head, _, tail = rest.partition(".")
    module = _EXPORTS.get(head)
    if module is None:
        return None
    return f"{_PACKAGE}.{module}.{head}" + (f".{tail}" if tail else "")


def _on_missing_reference(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: TextElement
) -> reference | None:
    if node.get("refdomain") != "py":
        return None
    target = defining_target(str(node["reftarget"]))
    if target is None:
        return None
    domain = env.get_domain("py")
    found: reference | None = domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )
    return found


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("missing-reference", _on_missing_reference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
